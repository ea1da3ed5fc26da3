package io.kubeha.starter;

import java.io.PrintWriter;

/**
 * Starting an operation that waits at its approval gate in the workflow: start it, wait for the
 * gate, show its plan, approve it (--yes) or ask, then watch. --yes never skips the gate: it sends
 * the approval, naming the cluster, through the gate's update.
 */
final class GatedStart {
  private final TemporalConnection connection;
  private final String cluster;
  private final String workflowType;
  private final PrintWriter out;
  private final PrintWriter err;

  GatedStart(
      TemporalConnection connection,
      String cluster,
      String workflowType,
      PrintWriter out,
      PrintWriter err) {
    this.connection = connection;
    this.cluster = cluster;
    this.workflowType = workflowType;
    this.out = out;
    this.err = err;
  }

  /**
   * The exit code. Detached without --yes, the run is left at its gate for ./kubeha approve; with
   * --yes it is approved first. declined: a "no" cancels the run at its gate (nothing was touched)
   * rather than leaving it waiting.
   */
  int run(String wanted, Runnable start, GateAnswerOptions answer, boolean cancelOnDecline)
      throws InterruptedException {
    boolean yes = answer.yes;
    boolean detach = answer.detach;
    if (!OperationStart.start(connection, cluster, wanted, start, out, err)) {
      return ExitCodes.FAILURE;
    }
    if (detach && !yes) {
      out.println(
          "It waits at its approval gate: ./kubeha approve "
              + cluster
              + " shows the plan and approves it.");
      out.flush();
      return ExitCodes.OK;
    }
    OperationGate gate = OperationGate.of(connection, cluster, workflowType).orElseThrow();
    if (OperationStart.awaitGate(
        connection, cluster, () -> gate.phase().get().waitingForApproval())) {
      out.println(gate.plan().get().stripTrailing());
      out.flush();
      String by = gate.confirmAndApprove(cluster, yes);
      if (by == null) {
        return declined(gate, cancelOnDecline);
      }
      out.println(gate.approvedBy(by));
      out.flush();
    }
    if (detach) {
      out.println("Watch it with ./kubeha watch " + cluster);
      out.flush();
      return ExitCodes.OK;
    }
    return new RunWatcher(connection, cluster, out, err, false).watch();
  }

  private int declined(OperationGate gate, boolean cancel) {
    if (!cancel) {
      out.println(
          "Not approved; the run keeps waiting at the gate (./kubeha cancel "
              + cluster
              + " to drop it).");
      out.flush();
      return new RunWatcher(connection, cluster, out, err, false).watch();
    }
    connection.untyped(cluster).cancel();
    String status = CancelCommand.awaitClose(connection.untyped(cluster));
    out.println(
        "Not approved: "
            + gate.what()
            + " was cancelled at its gate, nothing was touched"
            + (status == null ? " (the run is still stopping)." : "."));
    out.flush();
    return ExitCodes.FAILURE;
  }
}
