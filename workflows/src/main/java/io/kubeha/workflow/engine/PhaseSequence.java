package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Runs an operation's phases in order, the same way for every operation: a phase without work is
 * skipped, the current phase is kept for the phase query and the KubehaPhase search attribute, a
 * failure stops the run naming the phase, a cancel ends it as cancelled.
 */
public final class PhaseSequence<C> {
  public static final String PHASE_FAILED = "PhaseFailed";
  private static final Set<Phase> ENDS = EnumSet.of(Phase.DONE, Phase.FAILED, Phase.CANCELLED);

  private static final Logger log = Workflow.getLogger(PhaseSequence.class);

  private final Runnable showDetails;
  private Phase phase = Phase.VALIDATE;
  private List<Phase> active = List.of();
  private Long startedAt;

  /** showDetails: refreshes the run's current details in the UI after every phase change. */
  public PhaseSequence(Runnable showDetails) {
    this.showDetails = showDetails;
  }

  public Phase phase() {
    return phase;
  }

  public Long startedAt() {
    return startedAt;
  }

  /** The phases with work under way now: one, or several when a graph overlaps them. */
  public List<Phase> active() {
    return active;
  }

  /** What the phase query answers now; waitingForApproval: the run waits at its gate. */
  public PhaseView view(boolean waitingForApproval) {
    return new PhaseView(phase, phase.title(), startedAt, waitingForApproval, active);
  }

  /** The active phases' titles, for a heading. */
  public String title() {
    return active.size() > 1
        ? String.join(" + ", active.stream().map(Phase::title).toList())
        : phase.title();
  }

  /** Every phase in order, then DONE; the outcomes in order. */
  public List<PhaseOutcome> runAll(List<? extends OperationPhase<C>> phases, C ctx) {
    List<PhaseOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      outcomes.add(run(phases.get(i), ctx, i + 1, phases.size()));
    }
    enter(Phase.DONE);
    return outcomes;
  }

  private PhaseOutcome run(OperationPhase<C> p, C ctx, int index, int count) {
    if (!p.shouldRun(ctx)) {
      log.info("== [{}/{}] {}: skipped ==", index, count, p.title());
      return new PhaseOutcome(p.id(), 0, 0, 0, true);
    }
    log.info("== [{}/{}] {} ==", index, count, p.title());
    enter(p.id());
    long start = Workflow.currentTimeMillis();
    try {
      StepTally tally = p.run(ctx);
      return new PhaseOutcome(
          p.id(), Workflow.currentTimeMillis() - start, tally.applied(), tally.total(), false);
    } catch (CanceledFailure e) {
      enter(Phase.CANCELLED);
      throw e;
    } catch (TemporalFailure e) {
      // A cancel reaches a fan-out as its children's failures; the run was cancelled, it did not
      // fail.
      if (CancellationScope.current().isCancelRequested()) {
        enter(Phase.CANCELLED);
        throw new CanceledFailure("cancelled during " + p.title());
      }
      enter(Phase.FAILED);
      String message = p.title() + ": " + FailureText.of(e);
      log.error("{}", message);
      throw ApplicationFailure.newNonRetryableFailureWithCause(message, PHASE_FAILED, e);
    }
  }

  public void enter(Phase next) {
    active = ENDS.contains(next) ? List.of() : List.of(next);
    enterOnly(next);
    showDetails.run();
  }

  /**
   * A graph's run: phase is the earliest unfinished group (it only moves forward, so the search
   * attribute changes once per group), active the groups with a running task.
   */
  public void show(Phase earliest, List<Phase> running) {
    active = List.copyOf(running);
    if (earliest != phase) {
      enterOnly(earliest);
    }
    showDetails.run();
  }

  private void enterOnly(Phase next) {
    phase = next;
    startedAt = Workflow.currentTimeMillis();
    Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.KUBEHA_PHASE.valueSet(next.name()));
  }
}
