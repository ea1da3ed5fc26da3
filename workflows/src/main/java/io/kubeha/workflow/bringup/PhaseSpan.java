package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;

/**
 * A phase's span in a graph run (its first task's start to its last task's end, -1 before) and its
 * steps; spans of the groups of a run merge into the run's.
 */
public record PhaseSpan(Phase phase, long firstStart, long lastEnd, int applied, int total) {

  static PhaseSpan of(Phase phase) {
    return new PhaseSpan(phase, -1, -1, 0, 0);
  }

  PhaseSpan started(long now) {
    return new PhaseSpan(phase, firstStart < 0 ? now : firstStart, lastEnd, applied, total);
  }

  PhaseSpan ended(long now, StepTally tally) {
    return new PhaseSpan(
        phase,
        firstStart,
        Math.max(lastEnd, now),
        applied + (tally == null ? 0 : tally.applied()),
        total + (tally == null ? 0 : tally.total()));
  }

  PhaseSpan merge(PhaseSpan other) {
    return new PhaseSpan(
        phase,
        firstStart < 0 || (other.firstStart >= 0 && other.firstStart < firstStart)
            ? other.firstStart
            : firstStart,
        Math.max(lastEnd, other.lastEnd),
        applied + other.applied,
        total + other.total);
  }

  long millis() {
    return lastEnd - firstStart;
  }
}
