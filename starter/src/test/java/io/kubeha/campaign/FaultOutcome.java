package io.kubeha.campaign;

import io.kubeha.worker.RunHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fault as it happened: recoverySeconds runs from the end of the fault (restart, heal, reboot
 * done) to the run's next progress: a step finished on the faulted host since the fault ended (host
 * faults; the rest of the run goes on during them), or anywhere since the fault began (process
 * faults; nothing moves while they last); a phase change (a phase ends only when every host is
 * through it); the run's end. Negative when no progress came before the deadline. resumeSeconds
 * runs from the same end to the first activity attempt started or workflow task completed after it,
 * read from the run's histories once it closed (NaN until then, negative when none came): how long
 * Temporal and kubeha took to take up the work again, whatever the length of the step.
 */
record FaultOutcome(
    Fault fault, String happenedAt, double recoverySeconds, Instant ended, double resumeSeconds) {
  private static final String NOT_INJECTED = "not injected: the run had closed";

  FaultOutcome(Fault fault, String happenedAt, double recoverySeconds, Instant ended) {
    this(fault, happenedAt, recoverySeconds, ended, Double.NaN);
  }

  /** A fault whose moment came only after the run had closed (earlier faults delayed it). */
  static FaultOutcome notInjected(Fault fault) {
    return new FaultOutcome(fault, NOT_INJECTED, 0, null);
  }

  boolean injected() {
    return !happenedAt.equals(NOT_INJECTED);
  }

  boolean recovered() {
    return recoverySeconds >= 0;
  }

  boolean resumed() {
    return resumeSeconds >= 0;
  }

  /**
   * Each of a run's faults (in the order struck) with resumeSeconds read from the closed run's
   * histories.
   */
  static List<FaultOutcome> resumedIn(List<FaultOutcome> struck, RunHistory history) {
    List<FaultOutcome> out = new ArrayList<>();
    for (int i = 0; i < struck.size(); i++) {
      Instant next = null;
      for (int j = i + 1; j < struck.size() && next == null; j++) {
        next = struck.get(j).began();
      }
      out.add(struck.get(i).resumedIn(history, next));
    }
    return out;
  }

  /**
   * The same with resumeSeconds read from the closed run's histories: 0 when the work went on
   * through the fault's end, until it completed or until the next fault (nextBegan, null: none)
   * struck it before any new work began (a worker killed 0.1 s after a starter came back: that stop
   * is the worker kill's, not the starter kill's).
   */
  FaultOutcome resumedIn(RunHistory history, Instant nextBegan) {
    if (!injected()) {
      return this;
    }
    Optional<Instant> first = history.firstWorkAfter(ended);
    boolean cutByNext =
        nextBegan != null
            && !nextBegan.isBefore(ended)
            && first.map(t -> t.isAfter(nextBegan)).orElse(true)
            && history.inFlight(ended);
    double resume =
        history.workedThrough(ended) || cutByNext
            ? 0
            : first.map(t -> Duration.between(ended, t).toMillis() / 1000.0).orElse(-1.0);
    return new FaultOutcome(fault, happenedAt, recoverySeconds, ended, resume);
  }

  /** When it struck: its end less its outage (null when not injected). */
  Instant began() {
    return injected() ? ended.minus(fault.outage()) : null;
  }
}
