package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import java.time.Duration;

/**
 * One fault: its kind, its moment (delay after the run enters phase, after a host starts step when
 * one is named, or once the operation's detached job (a kubeadm join, reset or upgrade) has started
 * when jobStarted), the host it hits (host faults only, else null) and its outage (down time before
 * the restart or heal).
 */
record Fault(
    FaultKind kind,
    Phase phase,
    boolean jobStarted,
    Moments.Step step,
    Duration delay,
    String host,
    Duration outage) {
  String moment() {
    String when =
        jobStarted ? "job started" : step != null ? step.host() + " " + step.step() : phase.name();
    return when + " +" + delay.toMillis() + "ms";
  }

  String describe() {
    return kind.name()
        + (host == null ? "" : " " + host)
        + " at "
        + moment()
        + (outage.isZero() ? "" : ", out " + outage.toMillis() / 1000.0 + " s");
  }
}
