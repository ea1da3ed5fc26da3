package io.kubeha.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, failing with what was awaited. */
final class Waits {
  private Waits() {}

  static void until(String what, Duration deadline, long pollMillis, BooleanSupplier done)
      throws InterruptedException {
    Instant end = Instant.now().plus(deadline);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("not reached within " + deadline + ": " + what);
      }
      Thread.sleep(pollMillis); // polling interval of a wait with a deadline
    }
  }
}
