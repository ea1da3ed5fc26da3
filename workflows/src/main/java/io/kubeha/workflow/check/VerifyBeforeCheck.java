package io.kubeha.workflow.check;

import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.ClusterVerification;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;

/**
 * The verification a bring-up ends with; a workload on an unhealthy cluster would prove nothing.
 */
final class VerifyBeforeCheck implements OperationPhase<CheckContext> {

  @Override
  public Phase id() {
    return Phase.VERIFY_CLUSTER;
  }

  @Override
  public StepTally run(CheckContext ctx) {
    Inventory inv = ctx.inventory();
    HostCalls calls = new HostCalls(ctx::report, id(), ctx.firstMasterName(), CheckContext.STEPS);
    VerifyReport report =
        calls.call(
            0,
            CheckContext.VERIFY,
            () ->
                ActivityStubs.verify("verify " + inv.clusterName())
                    .verifyCluster(ClusterVerification.input(inv, ctx.firstMaster(), false)));
    ctx.verified(report);
    if (!report.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the cluster is not healthy: " + String.join("; ", report.problems()),
          ClusterVerification.VERIFY_FAILED);
    }
    calls.shown(1);
    return StepTally.NONE;
  }
}
