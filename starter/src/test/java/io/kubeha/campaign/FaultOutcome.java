package io.kubeha.campaign;

/**
 * A fault as it happened: recoverySeconds runs from the end of the fault (restart, heal, reboot
 * done) to the run's next progress: a step finished on the faulted host since the fault ended (host
 * faults; the rest of the run goes on during them), or anywhere since the fault began (process
 * faults; nothing moves while they last); a phase change (a phase ends only when every host is
 * through it); the run's end. Negative when no progress came before the deadline.
 */
record FaultOutcome(Fault fault, String happenedAt, double recoverySeconds) {
  private static final String NOT_INJECTED = "not injected: the run had closed";

  /** A fault whose moment came only after the run had closed (earlier faults delayed it). */
  static FaultOutcome notInjected(Fault fault) {
    return new FaultOutcome(fault, NOT_INJECTED, 0);
  }

  boolean injected() {
    return !happenedAt.equals(NOT_INJECTED);
  }

  boolean recovered() {
    return recoverySeconds >= 0;
  }
}
