package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.worker.KubehaHome;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.BringUpOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;

/**
 * Starts a cluster's bring-up, or finds the one already going: starting twice never starts a second
 * run.
 */
final class RunStarter {
  private RunStarter() {}

  /** started is false when a run of the cluster was already open and this call attached to it. */
  record Start(boolean started, String runId) {}

  static Start startOrAttach(
      TemporalConnection connection,
      Inventory inv,
      boolean autoApprove,
      boolean proveFailover,
      boolean graph) {
    String cluster = inv.clusterName();
    // A re-run changes nothing on a finished cluster; an open one is never duplicated: the start
    // fails and we attach.
    WorkflowOptions options =
        WorkflowOptions.newBuilder(
                OperationStart.options(cluster, BringUpOptions.of(cluster).getStaticSummary()))
            .setStaticDetails(StaticDetails.markdown(inv))
            .build();
    BringUpInput input =
        new BringUpInput(inv, adminConf(cluster).toString(), autoApprove, proveFailover, graph);
    ClusterBringUp stub = connection.client().newWorkflowStub(ClusterBringUp.class, options);
    try {
      return new Start(true, WorkflowClient.start(stub::run, input).getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      var running = connection.untyped(cluster).describe();
      if (!Operations.BRING_UP.equals(running.getWorkflowType())) {
        throw new ClusterBusy(cluster, "bring-up", running);
      }
      return new Start(false, e.getExecution().getRunId());
    }
  }

  /**
   * Where the worker saves a cluster's admin.conf: $KUBEHA_HOME/clusters/CLUSTER/admin.conf (kept
   * apart from $KUBEHA_HOME/lab, which `lab down` removes, since the lab's cluster is named lab).
   */
  static Path adminConf(String cluster) {
    return KubehaHome.dir().resolve("clusters").resolve(cluster).resolve("admin.conf");
  }

  /**
   * Where a cluster's etcd snapshots are kept by default: $KUBEHA_HOME/clusters/CLUSTER/backups.
   */
  static Path backups(String cluster) {
    return KubehaHome.dir().resolve("clusters").resolve(cluster).resolve("backups");
  }
}
