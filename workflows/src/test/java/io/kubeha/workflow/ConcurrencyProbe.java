package io.kubeha.workflow;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts how many units of work run at once and remembers the most. A unit may hold at the gate
 * until `target` run at once (or every expected unit has started, or the deadline passed), so a
 * bounded fan-out is seen at its bound instead of by luck of timing.
 */
final class ConcurrencyProbe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int target;
  private final int expected;
  private final Duration deadline;
  private int running;
  private int started;
  private int max;

  ConcurrencyProbe(int target, int expected, Duration deadline) {
    this.target = target;
    this.expected = expected;
    this.deadline = deadline;
  }

  /** Enters, then waits until target units run at once, all expected started, or the deadline. */
  void enter() {
    lock.lock();
    try {
      running++;
      started++;
      max = Math.max(max, running);
      changed.signalAll();
      long nanos = deadline.toNanos();
      while (running < target && started < expected && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  void exit() {
    lock.lock();
    try {
      running--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  int max() {
    lock.lock();
    try {
      return max;
    } finally {
      lock.unlock();
    }
  }

  static ConcurrencyProbe untilAtOnce(int target, int expected) {
    return new ConcurrencyProbe(target, expected, Duration.ofSeconds(15));
  }

  /** Holds each unit briefly hoping for company, so overlapping units would be seen. */
  static ConcurrencyProbe expectingNone(Duration hold) {
    return new ConcurrencyProbe(2, Integer.MAX_VALUE, hold);
  }
}
