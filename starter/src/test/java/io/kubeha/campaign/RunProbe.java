package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads where a run is (phase, steps done per host, open or closed) through Temporal, by the phase
 * and hosts queries every kubeha operation answers; empty while nobody answers.
 */
final class RunProbe {
  /**
   * What the run showed at one moment: its earliest unfinished phase, and the phases with work
   * under way (a bring-up's graph runs several at once).
   */
  record Snapshot(
      Phase phase,
      List<Phase> active,
      Map<String, Integer> stepsDone,
      Map<String, String> steps,
      boolean closed) {
    int totalDone() {
      return stepsDone.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Progress since before: the run closed, moved to another phase, or finished more steps (on
     * host, if named).
     */
    boolean progressedSince(Snapshot before, String host) {
      if (closed || phase != before.phase) {
        return true;
      }
      return host == null
          ? totalDone() > before.totalDone()
          : stepsDone.getOrDefault(host, 0) > before.stepsDone.getOrDefault(host, 0);
    }

    /** The run has closed, or host has started step (the index-th of its chain) or gone past it. */
    boolean reached(Moments.Step step) {
      return closed
          || step.step().equals(steps.get(step.host()))
          || stepsDone.getOrDefault(step.host(), 0) > step.index();
    }

    /** The run has closed, reached phase as its earliest, or has phase's work under way. */
    boolean atOrPast(Phase phase) {
      return closed || this.phase.compareTo(phase) >= 0 || active.contains(phase);
    }

    /** The run has closed or gone past phase (operations' phases are declared in run order). */
    boolean closedOrPast(Phase phase) {
      return closed || this.phase.compareTo(phase) > 0;
    }
  }

  private final WorkflowClient client;
  private final String workflowId;
  private final String type;
  private final String earlierRunId;

  /** A probe of the latest run of workflowId, whatever its type. */
  RunProbe(WorkflowClient client, String workflowId) {
    this(client, workflowId, null);
  }

  /**
   * A probe that sees only a latest run of the given workflow type (an operation after a run of
   * another type).
   */
  RunProbe(WorkflowClient client, String workflowId, String type) {
    this(client, workflowId, type, null);
  }

  /**
   * The same, blind to the run earlierRunId as well: the one before the operation, which may be of
   * the same type (a restore after a restore).
   */
  RunProbe(WorkflowClient client, String workflowId, String type, String earlierRunId) {
    this.client = client;
    this.workflowId = workflowId;
    this.type = type;
    this.earlierRunId = earlierRunId;
  }

  /** The latest run's id now, or null when there is none. */
  static String latestRunId(WorkflowClient client, String workflowId) {
    try {
      return client
          .newUntypedWorkflowStub(workflowId)
          .describe()
          .getRawDescription()
          .getWorkflowExecutionInfo()
          .getExecution()
          .getRunId();
    } catch (RuntimeException e) {
      return null;
    }
  }

  Optional<Snapshot> snapshot() {
    try {
      WorkflowStub run = client.newUntypedWorkflowStub(workflowId);
      var info = run.describe().getRawDescription().getWorkflowExecutionInfo();
      if ((type != null && !info.getType().getName().equals(type))
          || info.getExecution().getRunId().equals(earlierRunId)) {
        return Optional.empty(); // an earlier run: the operation has not started yet
      }
      boolean closed =
          info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      if (closed) {
        return Optional.of(new Snapshot(Phase.DONE, List.of(), Map.of(), Map.of(), true));
      }
      PhaseView view = run.query("phase", PhaseView.class);
      Phase phase = view.phase();
      List<Phase> active = view.active() == null ? List.of() : view.active();
      HostStatus[] hosts = run.query("hosts", HostStatus[].class);
      Map<String, String> steps = new java.util.HashMap<>();
      Arrays.stream(hosts)
          .filter(h -> h.currentStep() != null)
          .forEach(h -> steps.put(h.host(), h.currentStep()));
      return Optional.of(
          new Snapshot(
              phase,
              active,
              Arrays.stream(hosts)
                  .collect(Collectors.toMap(HostStatus::host, HostStatus::stepsDone)),
              steps,
              false));
    } catch (RuntimeException e) {
      return Optional.empty(); // no worker or no server answers right now, or no run yet
    }
  }
}
