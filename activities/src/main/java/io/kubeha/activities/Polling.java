package io.kubeha.activities;

import io.kubeha.ssh.Heartbeat;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a remote condition with a deadline, heartbeating between polls. */
final class Polling {
  /** Failure type of a condition that did not hold before its deadline; retrying may help. */
  static final String NOT_READY = "NotReady";

  private Polling() {}

  /**
   * Polls until probe returns a value, every interval, up to deadline; heartbeats with what it
   * waits for. On the deadline fails with what and the last state the describer gives.
   */
  static <T> T until(
      Heartbeat heartbeat,
      String what,
      Duration deadline,
      Duration interval,
      Supplier<Optional<T>> probe,
      Supplier<String> lastState) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      heartbeat.beat("waiting for " + what);
      if (System.nanoTime() > end) {
        throw ApplicationFailure.newFailure(
            "gave up waiting for "
                + what
                + " after "
                + deadline.toSeconds()
                + "s; last seen: "
                + lastState.get(),
            NOT_READY);
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted while waiting for " + what, NOT_READY);
      }
    }
  }
}
