package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.ClusterBringUp;
import io.kubeha.workflow.HostStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads where a bring-up is (phase, steps done per host, open or closed) through Temporal; empty while nobody answers. */
final class RunProbe {
  /** What the run showed at one moment. */
  record Snapshot(Phase phase, Map<String, Integer> stepsDone, boolean closed) {
    int totalDone() {
      return stepsDone.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Progress since before: the run closed, moved to another phase, or finished more steps (on host, if named). */
    boolean progressedSince(Snapshot before, String host) {
      if (closed || phase != before.phase) {
        return true;
      }
      return host == null ? totalDone() > before.totalDone()
          : stepsDone.getOrDefault(host, 0) > before.stepsDone.getOrDefault(host, 0);
    }
  }

  private final WorkflowClient client;
  private final String workflowId;

  RunProbe(WorkflowClient client, String workflowId) {
    this.client = client;
    this.workflowId = workflowId;
  }

  Optional<Snapshot> snapshot() {
    try {
      boolean closed = client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      if (closed) {
        return Optional.of(new Snapshot(Phase.DONE, Map.of(), true));
      }
      ClusterBringUp run = client.newWorkflowStub(ClusterBringUp.class, workflowId);
      Phase phase = run.phase().phase();
      List<HostStatus> hosts = run.hosts();
      return Optional.of(new Snapshot(phase,
          hosts.stream().collect(Collectors.toMap(HostStatus::host, HostStatus::stepsDone)), false));
    } catch (RuntimeException e) {
      return Optional.empty(); // no worker or no server answers right now, or no run yet
    }
  }
}
