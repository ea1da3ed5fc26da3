package io.kubeha.workflow.restore;

import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.ClusterVerification;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * The restored cluster as the bring-up verifies one: nodes Ready, one etcd member per control
 * plane, the API.
 */
final class VerifyRestore implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.VERIFY_RESTORE;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    Inventory inv = ctx.inventory();
    VerifyReport report =
        ActivityStubs.verify("verify " + inv.clusterName())
            .verifyCluster(
                ClusterVerification.input(inv, ctx.target(ctx.controlPlanes().get(0)), false));
    ctx.verified(report);
    if (!report.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the restored cluster is not healthy: " + String.join("; ", report.problems()),
          ClusterVerification.VERIFY_FAILED);
    }
    ctx.warn(
        "the etcd data from before the restore is kept on each control plane at "
            + RestorePlan.previousDataDir(Workflow.getInfo().getRunId())
            + "; delete it once the restored cluster is right");
    return StepTally.NONE;
  }
}
