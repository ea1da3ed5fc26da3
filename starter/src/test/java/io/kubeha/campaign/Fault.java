package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import java.time.Duration;

/**
 * One fault: its kind, its moment (delay after the run enters phase, or after a kubeadm join job has started when
 * joinJob), the host it hits (host faults only, else null) and its outage (down time before the restart or heal).
 */
record Fault(FaultKind kind, Phase phase, boolean joinJob, Duration delay, String host, Duration outage) {
  String moment() {
    return (joinJob ? "join job started" : phase.name()) + " +" + delay.toMillis() + "ms";
  }

  String describe() {
    return kind.name() + (host == null ? "" : " " + host) + " at " + moment()
        + (outage.isZero() ? "" : ", out " + outage.toMillis() / 1000.0 + " s");
  }
}
