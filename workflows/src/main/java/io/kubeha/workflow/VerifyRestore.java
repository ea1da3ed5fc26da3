package io.kubeha.workflow;

import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.Phase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/** The restored cluster as the bring-up verifies one: nodes Ready, one etcd member per control plane, the API. */
final class VerifyRestore implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.VERIFY_RESTORE;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    Inventory inv = ctx.inventory();
    ControlPlaneEndpointSpec endpoint = inv.spec().controlPlaneEndpoint();
    boolean viaLb = inv.hasLoadBalancers();
    VerifyInput input = new VerifyInput(ctx.target(ctx.controlPlanes().get(0)),
        inv.nodes().stream().map(h -> h.name()).toList(), ctx.controlPlanes(),
        inv.loadBalancers().stream().map(h -> Targets.of(inv, h)).toList(),
        viaLb ? endpoint.vip() : null, viaLb ? endpoint.port() : KubernetesSpec.API_SERVER_PORT, false);
    VerifyReport report = ActivityStubs.verify("verify " + inv.clusterName()).verifyCluster(input);
    ctx.verified(report);
    if (!report.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the restored cluster is not healthy: " + String.join("; ", report.problems()), VerifyCluster.VERIFY_FAILED);
    }
    ctx.warn("the etcd data from before the restore is kept on each control plane at "
        + RestorePlan.previousDataDir(Workflow.getInfo().getRunId()) + "; delete it once the restored cluster is right");
    return StepTally.NONE;
  }
}
