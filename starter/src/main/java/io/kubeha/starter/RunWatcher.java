package io.kubeha.starter;

import io.kubeha.workflow.bringup.ClusterBringUp;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Follows a run until it closes: the view each second, the approval gate, Ctrl-C to detach, then
 * the result.
 */
final class RunWatcher {
  static final Duration POLL = Duration.ofSeconds(1);
  static final int DETACHED = 130;

  private final TemporalConnection connection;
  private final String cluster;
  private final PrintWriter out;
  private final PrintWriter err;
  private final RunView view;
  private final GateHandler gate;
  private final Object drawing = new Object();
  private boolean detached;
  private String lastQueryProblem;

  RunWatcher(
      TemporalConnection connection,
      String cluster,
      PrintWriter out,
      PrintWriter err,
      boolean approveAtGate) {
    this.connection = connection;
    this.cluster = cluster;
    this.out = out;
    this.err = err;
    this.view = LiveView.supported() ? new LiveView(out) : new PlainView(out);
    this.gate = new GateHandler(connection, cluster, approveAtGate);
  }

  /** Watches to the end and returns the exit code: 0 done, 1 failed or cancelled. */
  int watch() {
    Thread hook = new Thread(this::detach, "kubeha-detach");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return follow();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down (Ctrl-C): the hook reports the detach.
      }
    }
  }

  private int follow() {
    ClusterBringUp run = connection.run(cluster);
    WorkflowStub stub = connection.untyped(cluster);
    while (true) {
      WorkflowExecutionDescription d = stub.describe();
      if (!RunStatus.open(d.getStatus())) {
        showLast(run, d);
        return RunEnd.report(connection, cluster, d.getStatus(), out, err);
      }
      try {
        // Queries may wait for the workflow task in flight, so the clock is read after them.
        var phase = run.phase();
        var hosts = run.hosts();
        RunSnapshot snapshot =
            new RunSnapshot(
                cluster, phase, hosts, Duration.between(d.getStartTime(), Instant.now()));
        synchronized (drawing) {
          if (detached) {
            return DETACHED;
          }
          view.show(snapshot);
        }
        gate.handle(snapshot, view);
      } catch (io.temporal.client.WorkflowException | io.grpc.StatusRuntimeException e) {
        queryProblem(e);
      }
      pause();
    }
  }

  /**
   * The hosts as the closed run left them, so a host that finished after the last poll still says
   * done; a closed run is queried by replay, which may find no worker: then nothing.
   */
  private void showLast(ClusterBringUp run, WorkflowExecutionDescription d) {
    try {
      RunSnapshot last =
          new RunSnapshot(
              cluster,
              run.phase(),
              run.hosts(),
              Duration.between(d.getStartTime(), d.getCloseTime()));
      synchronized (drawing) {
        if (!detached) {
          view.show(last);
        }
      }
    } catch (io.temporal.client.WorkflowException | io.grpc.StatusRuntimeException e) {
      // The end is reported all the same.
    }
  }

  /** A query can fail while no worker runs; say so once per distinct problem and keep trying. */
  private void queryProblem(RuntimeException e) {
    String problem = FailureText.of(e);
    if (!Objects.equals(problem, lastQueryProblem)) {
      lastQueryProblem = problem;
      view.note("cannot query the run (is a worker running?): " + problem);
    }
  }

  private void detach() {
    synchronized (drawing) {
      detached = true;
      out.println();
      out.println("Detached; the run goes on. Watch it again with ./kubeha watch " + cluster);
      out.flush();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis()); // the polling interval, not a synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while watching", e);
    }
  }
}
