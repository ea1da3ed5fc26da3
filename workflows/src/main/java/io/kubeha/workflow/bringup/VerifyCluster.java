package io.kubeha.workflow.bringup;

import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.ClusterVerification;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;

/**
 * Nodes Ready, etcd members, the API through the endpoint, the add-ons available and cluster DNS
 * answering; a report with problems fails the run.
 */
final class VerifyCluster implements BringUpPhase {
  @Override
  public Phase id() {
    return Phase.VERIFY_CLUSTER;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    Inventory inv = ctx.inventory();
    boolean proveFailover =
        ctx.input().proveFailover()
            || (inv.spec().options() != null
                && Boolean.TRUE.equals(inv.spec().options().proveFailover()));
    VerifyReport report =
        ActivityStubs.verify("verify " + inv.clusterName())
            .verifyCluster(ClusterVerification.input(inv, ctx.firstMaster(), proveFailover));
    ctx.verifyReport(report);
    if (!report.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the cluster is not healthy: " + String.join("; ", report.problems()),
          ClusterVerification.VERIFY_FAILED);
    }
    return StepTally.NONE;
  }
}
