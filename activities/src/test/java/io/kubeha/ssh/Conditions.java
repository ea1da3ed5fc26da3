package io.kubeha.ssh;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test helper: waits on a condition with a deadline instead of sleeping a fixed time. */
public final class Conditions {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private Conditions() {}

  /** Polls the condition until it holds (true) or the deadline passes (false). */
  public static boolean waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
