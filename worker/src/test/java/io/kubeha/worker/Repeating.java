package io.kubeha.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A task run at a steady pace on a thread of its own until closed: what watches a cluster while an
 * operation runs. Closing lets a task in progress finish (a kubectl call is not cut short into a
 * false failure) and cuts only the pause between two runs short.
 */
public final class Repeating implements AutoCloseable {
  private final Duration pace;
  private final Runnable task;
  private final Thread thread;
  private volatile boolean running = true;

  private Repeating(Duration pace, String name, Runnable task) {
    this.pace = pace;
    this.task = task;
    this.thread = new Thread(this::loop, name);
    this.thread.setDaemon(true);
  }

  /** Starts running task every pace (or right after the last run, when it took longer). */
  public static Repeating every(Duration pace, String name, Runnable task) {
    Repeating r = new Repeating(pace, name, task);
    r.thread.start();
    return r;
  }

  private void loop() {
    while (running) {
      long start = System.nanoTime();
      task.run();
      long rest = pace.toNanos() - (System.nanoTime() - start);
      if (running && rest > 0) {
        LockSupport.parkNanos(rest); // the pace, not a synchronisation; close() unparks it
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    LockSupport.unpark(thread);
    thread.join(TimeUnit.MINUTES.toMillis(2));
  }
}
