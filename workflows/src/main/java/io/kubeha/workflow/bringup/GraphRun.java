package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.GraphState;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.PhaseSequence;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs a bring-up as its graph: every task starts the moment the tasks it needs are done, a phase's
 * host tasks at most workerConcurrency at a time. A failed task stops what needs it, not unrelated
 * hosts; once nothing more can run, the run fails naming every failed host. A cancel lets the
 * running tasks end (their activities are cancelled) and starts nothing new.
 */
final class GraphRun {
  private static final Logger log = Workflow.getLogger(GraphRun.class);

  private final BringUpGraph graph;
  private final List<BringUpPhase> phases;
  private final Map<Phase, BringUpPhase> byId = new EnumMap<>(Phase.class);
  private final PhaseSequence<BringUpContext> sequence;
  private final Map<Phase, GroupTally> groups = new EnumMap<>(Phase.class);

  GraphRun(BringUpGraph graph, List<BringUpPhase> phases, PhaseSequence<BringUpContext> sequence) {
    this.graph = graph;
    this.phases = phases;
    this.sequence = sequence;
    phases.forEach(p -> byId.put(p.id(), p));
  }

  /** Runs every task; the outcome of each phase (group), in the phases' order. */
  List<PhaseOutcome> run(BringUpContext ctx) {
    GraphState state = new GraphState(graph);
    Map<Task, Promise<StepTally>> running = new LinkedHashMap<>();
    Map<Task, TemporalFailure> failures = new LinkedHashMap<>();
    while (true) {
      if (!CancellationScope.current().isCancelRequested()) {
        start(ctx, state, running);
      }
      show(state);
      if (running.isEmpty()) {
        break;
      }
      Promise.anyOf(running.values()).handle((r, e) -> null).get();
      for (Iterator<Map.Entry<Task, Promise<StepTally>>> it = running.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Task, Promise<StepTally>> e = it.next();
        if (e.getValue().isCompleted()) {
          it.remove();
          ended(e.getKey(), e.getValue(), state, failures);
        }
      }
    }
    if (CancellationScope.current().isCancelRequested()) {
      String during = sequence.title();
      sequence.enter(Phase.CANCELLED);
      throw new CanceledFailure("cancelled during " + during);
    }
    if (!failures.isEmpty()) {
      sequence.enter(Phase.FAILED);
      String message = failureText(failures);
      log.error("{}", message);
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          message, PhaseSequence.PHASE_FAILED, failures.values().iterator().next());
    }
    sequence.enter(Phase.DONE);
    return outcomes();
  }

  /** Starts every ready task within its phase's bound; skips a cluster task with nothing to do. */
  private void start(BringUpContext ctx, GraphState state, Map<Task, Promise<StepTally>> running) {
    boolean skipped;
    do {
      skipped = false;
      for (Task t : state.ready()) {
        BringUpPhase phase = byId.get(t.phase());
        if (t.clusterWide() && !phase.shouldRun(ctx)) {
          log.info("== {}: skipped ==", phase.title());
          state.started(t);
          state.done(t);
          skipped = true;
        } else if (t.clusterWide() || state.running(t.phase()) < ctx.concurrency()) {
          state.started(t);
          group(t.phase()).started(Workflow.currentTimeMillis());
          if (t.clusterWide()) {
            log.info("== {} ==", phase.title());
          }
          running.put(t, Async.function(() -> phase.runOn(ctx, t.host())));
        }
      }
    } while (skipped);
  }

  private void ended(
      Task t, Promise<StepTally> result, GraphState state, Map<Task, TemporalFailure> failures) {
    GroupTally group = group(t.phase());
    group.ended(Workflow.currentTimeMillis());
    try {
      group.add(result.get());
      state.done(t);
    } catch (TemporalFailure e) {
      List<Task> blocked = state.failed(t);
      // A cancel reaches a task as its activity's or child's failure: not a failure of the run.
      if (!CancellationScope.current().isCancelRequested()) {
        failures.put(t, e);
        log.error("{} failed ({} tasks wait for it): {}", t, blocked.size(), FailureText.of(e));
      }
    }
  }

  private void show(GraphState state) {
    sequence.show(state.earliestOpen().orElse(Phase.VERIFY_CLUSTER), state.runningGroups());
  }

  /** "Title: failed on N hosts: host: error; ..." per phase, a cluster task's "Title: error". */
  static String failureText(Map<Task, TemporalFailure> failures) {
    Map<Phase, List<String>> hostLines = new EnumMap<>(Phase.class);
    Map<Phase, String> clusterLines = new EnumMap<>(Phase.class);
    failures.forEach(
        (t, e) -> {
          if (t.clusterWide()) {
            clusterLines.put(t.phase(), FailureText.of(e));
          } else {
            hostLines
                .computeIfAbsent(t.phase(), p -> new ArrayList<>())
                .add(BoundedFanOut.hostLine(t.host(), FailureText.of(e)));
          }
        });
    Map<Phase, String> parts = new EnumMap<>(Phase.class);
    clusterLines.forEach((p, line) -> parts.put(p, p.title() + ": " + line));
    hostLines.forEach(
        (p, lines) ->
            parts.put(
                p,
                p.title()
                    + ": failed on "
                    + lines.size()
                    + (lines.size() == 1 ? " host: " : " hosts: ")
                    + String.join("; ", lines)));
    return String.join("; ", parts.values());
  }

  private List<PhaseOutcome> outcomes() {
    List<PhaseOutcome> outcomes = new ArrayList<>();
    for (BringUpPhase p : phases) {
      GroupTally g = groups.get(p.id());
      outcomes.add(
          g == null
              ? new PhaseOutcome(p.id(), 0, 0, 0, true)
              : new PhaseOutcome(p.id(), g.millis(), g.applied, g.total, false));
    }
    return outcomes;
  }

  private GroupTally group(Phase phase) {
    return groups.computeIfAbsent(phase, p -> new GroupTally());
  }

  /** A phase's span (first start to last end) and its steps. */
  private static final class GroupTally {
    private long firstStart = -1;
    private long lastEnd = -1;
    private int applied;
    private int total;

    void started(long now) {
      firstStart = firstStart < 0 ? now : firstStart;
    }

    void ended(long now) {
      lastEnd = now;
    }

    void add(StepTally t) {
      applied += t.applied();
      total += t.total();
    }

    long millis() {
      return lastEnd - firstStart;
    }
  }
}
