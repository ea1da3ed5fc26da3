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
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Runs a bring-up as its graph: every task starts the moment the tasks it needs are done, a phase's
 * host tasks at most workerConcurrency at a time. A failed task stops what needs it, not unrelated
 * hosts; once nothing more can run, the run fails naming every failed host. A cancel lets the
 * running tasks end (their activities are cancelled) and starts nothing new. Tasks another workflow
 * runs (Elsewhere: a big bring-up's groups of hosts) are neither started nor bound here: the run
 * learns how they ended.
 */
final class GraphRun {
  private static final Logger log = Workflow.getLogger(GraphRun.class);

  private final BringUpGraph graph;
  private final List<BringUpPhase> phases;
  private final Map<Phase, BringUpPhase> byId = new EnumMap<>(Phase.class);
  private final PhaseSequence<BringUpContext> sequence;
  private final Elsewhere elsewhere;
  private final Map<Phase, PhaseSpan> spans = new EnumMap<>(Phase.class);
  // This run's own tasks under way per phase: the bound counts only these.
  private final Map<Phase, Integer> ownRunning = new EnumMap<>(Phase.class);
  private final Set<Task> startedElsewhere = new HashSet<>();

  GraphRun(BringUpGraph graph, List<BringUpPhase> phases, PhaseSequence<BringUpContext> sequence) {
    this(graph, phases, sequence, Elsewhere.NONE);
  }

  GraphRun(
      BringUpGraph graph,
      List<BringUpPhase> phases,
      PhaseSequence<BringUpContext> sequence,
      Elsewhere elsewhere) {
    this.graph = graph;
    this.phases = phases;
    this.sequence = sequence;
    this.elsewhere = elsewhere;
    phases.forEach(p -> byId.put(p.id(), p));
  }

  /** Runs every task; the outcome of each phase (group), in the phases' order. */
  List<PhaseOutcome> run(BringUpContext ctx) {
    Map<Task, TemporalFailure> failures = runTasks(ctx);
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

  /**
   * Runs every task it can until nothing more can run; the failed tasks with their failures (none
   * counted once a cancel was asked).
   */
  Map<Task, TemporalFailure> runTasks(BringUpContext ctx) {
    GraphState state = new GraphState(graph);
    Map<Task, Promise<StepTally>> running = new LinkedHashMap<>();
    Map<Task, TemporalFailure> failures = new LinkedHashMap<>();
    while (true) {
      boolean cancelled = CancellationScope.current().isCancelRequested();
      if (!cancelled) {
        start(ctx, state, running);
      }
      show(state);
      elsewhere.round(state);
      if (running.isEmpty() && !elsewhere.waiting(state, cancelled)) {
        break;
      }
      // Detached: a cancel must not end the wait (Workflow.await would throw), the tasks end it.
      Workflow.newDetachedCancellationScope(
              () ->
                  Workflow.await(
                      () ->
                          running.values().stream().anyMatch(Promise::isCompleted)
                              || elsewhere.news()))
          .run();
      for (Iterator<Map.Entry<Task, Promise<StepTally>>> it = running.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Task, Promise<StepTally>> e = it.next();
        if (e.getValue().isCompleted()) {
          it.remove();
          ended(e.getKey(), e.getValue(), state, failures);
        }
      }
      elsewhere.learned().forEach(end -> learned(end, state, failures));
    }
    return failures;
  }

  /** Every phase's span and steps so far. */
  List<PhaseSpan> spans() {
    return List.copyOf(spans.values());
  }

  /** Starts every ready task within its phase's bound; skips a cluster task with nothing to do. */
  private void start(BringUpContext ctx, GraphState state, Map<Task, Promise<StepTally>> running) {
    boolean skipped;
    do {
      skipped = false;
      for (Task t : state.ready()) {
        BringUpPhase phase = byId.get(t.phase());
        if (elsewhere.runs(t)) {
          state.started(t);
          startedElsewhere.add(t);
        } else if (t.clusterWide() && !phase.shouldRun(ctx)) {
          log.info("== {}: skipped ==", phase.title());
          state.started(t);
          state.done(t);
          elsewhere.ended(t, null, List.of());
          skipped = true;
        } else if (t.clusterWide() || ownRunning.getOrDefault(t.phase(), 0) < ctx.concurrency()) {
          state.started(t);
          ownRunning.merge(t.phase(), 1, Integer::sum);
          span(t.phase(), s -> s.started(Workflow.currentTimeMillis()));
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
    ownRunning.merge(t.phase(), -1, Integer::sum);
    try {
      StepTally tally = result.get();
      span(t.phase(), s -> s.ended(Workflow.currentTimeMillis(), tally));
      state.done(t);
      elsewhere.ended(t, null, List.of());
    } catch (TemporalFailure e) {
      span(t.phase(), s -> s.ended(Workflow.currentTimeMillis(), null));
      List<Task> blocked = state.failed(t);
      elsewhere.ended(t, e, blocked);
      // A cancel reaches a task as its activity's or child's failure: not a failure of the run.
      if (!CancellationScope.current().isCancelRequested()) {
        failures.put(t, e);
        log.error("{} failed ({} tasks wait for it): {}", t, blocked.size(), FailureText.of(e));
      }
    }
  }

  /** A task run elsewhere ended: its dependents here may start, or are blocked. */
  private void learned(TaskEnd end, GraphState state, Map<Task, TemporalFailure> failures) {
    Task t = end.task();
    if (state.closed(t)) {
      return;
    }
    if (!startedElsewhere.remove(t)) {
      // Ended before this run saw it ready: its needs are done here too (it ran after them).
      state.started(t);
    }
    if (end.ok()) {
      state.done(t);
      return;
    }
    // What it blocks here is this run's own or verify: no other workflow waits for it.
    List<Task> blocked = state.failed(t);
    // Only the run that failed carries the failure; a task blocked elsewhere is no failure here.
    if (end.failure() != null && !CancellationScope.current().isCancelRequested()) {
      failures.put(t, end.failure().rebuild());
      log.error("{} failed ({} tasks wait for it): {}", t, blocked.size(), end.failure().text());
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
    elsewhere.spans().forEach(o -> spans.merge(o.phase(), o, PhaseSpan::merge));
    List<PhaseOutcome> outcomes = new ArrayList<>();
    for (BringUpPhase p : phases) {
      PhaseSpan s = spans.get(p.id());
      outcomes.add(
          s == null
              ? new PhaseOutcome(p.id(), 0, 0, 0, true)
              : new PhaseOutcome(p.id(), s.millis(), s.applied(), s.total(), false));
    }
    return outcomes;
  }

  private void span(Phase phase, java.util.function.UnaryOperator<PhaseSpan> change) {
    spans.put(phase, change.apply(spans.getOrDefault(phase, PhaseSpan.of(phase))));
  }
}
