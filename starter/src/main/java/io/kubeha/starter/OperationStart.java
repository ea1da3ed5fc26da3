package io.kubeha.starter;

import io.kubeha.workflow.engine.BringUpOptions;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.io.PrintWriter;

/**
 * Starting a day-2 operation under the cluster's one workflow id, and following it, the same way
 * for each.
 */
final class OperationStart {
  private OperationStart() {}

  /**
   * A closed run may be followed by a new one; an open one is never joined by a second: the start
   * fails.
   */
  static WorkflowOptions options(String cluster, String summary) {
    return WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, summary))
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .build();
  }

  /**
   * A run beside the cluster's operations, under its own workflowId (a backup, a check): a second
   * start while one is open attaches to it and waits for the same answer.
   */
  static WorkflowOptions beside(String cluster, String workflowId, String summary) {
    return WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, summary))
        .setWorkflowId(workflowId)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }

  /**
   * Runs start (a WorkflowClient.start); false, having said which, when another operation is open
   * on the cluster.
   */
  static boolean start(
      TemporalConnection connection,
      String cluster,
      String wanted,
      Runnable start,
      PrintWriter out,
      PrintWriter err) {
    try {
      start.run();
    } catch (WorkflowExecutionAlreadyStarted e) {
      err.println(
          "kubeha: "
              + new ClusterBusy(cluster, wanted, connection.untyped(cluster).describe())
                  .getMessage());
      err.flush();
      return false;
    }
    out.println("Started the " + wanted + " of cluster " + cluster);
    connection.uiUrl(cluster).ifPresent(url -> out.println("Temporal UI: " + url));
    out.flush();
    return true;
  }

  /** Starts, then watches to the end, or returns at once when detached; the exit code. */
  static int startAndWatch(
      TemporalConnection connection,
      String cluster,
      String wanted,
      Runnable start,
      boolean detach,
      PrintWriter out,
      PrintWriter err) {
    if (!start(connection, cluster, wanted, start, out, err)) {
      return ExitCodes.FAILURE;
    }
    if (detach) {
      out.println("Watch it with ./kubeha watch " + cluster);
      out.flush();
      return ExitCodes.OK;
    }
    return new RunWatcher(connection, cluster, out, err, false).watch();
  }

  /**
   * Waits until the cluster's operation waits at its approval gate (true) or has ended before it
   * (false).
   */
  static boolean awaitGate(
      TemporalConnection connection, String cluster, java.util.function.BooleanSupplier waiting)
      throws InterruptedException {
    while (true) {
      try {
        if (waiting.getAsBoolean()) {
          return true;
        }
        if (!RunStatus.open(connection.untyped(cluster).describe().getStatus())) {
          return false; // it ended before the gate (refused by its checks): the watcher says why
        }
      } catch (io.temporal.client.WorkflowException | io.grpc.StatusRuntimeException e) {
        // No worker or server for a moment (a restart): keep waiting, as watching does.
      }
      Thread.sleep(RunWatcher.POLL.toMillis()); // the polling interval, not a synchronisation
    }
  }
}
