package io.kubeha.workflow.upgrade;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Every node registered and Ready, etcd healthy, one minor at most; then the new minor's repository
 * and kubeadm on the first control plane, and `kubeadm upgrade plan` for the approval; then the new
 * release's images pulled on every node.
 */
final class CheckUpgrade implements OperationPhase<UpgradeContext> {
  static final String UPGRADE_REFUSED = "UpgradeRefused";

  @Override
  public Phase id() {
    return Phase.CHECK_UPGRADE;
  }

  @Override
  public StepTally run(UpgradeContext ctx) {
    var first = ctx.target(ctx.inventory().firstControlPlane().name());
    List<io.kubeha.activity.SshTarget> masters =
        ctx.inventory().controlPlanes().stream().map(h -> ctx.target(h.name())).toList();
    ClusterState state =
        ActivityStubs.inspectCluster(first.host())
            .inspectCluster(new InspectClusterInput(first, masters));
    List<String> problems =
        UpgradeRules.check(
            ctx.version(), ctx.inventory().nodes().stream().map(HostSpec::name).toList(), state);
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: " + String.join("; ", problems), UPGRADE_REFUSED);
    }
    int applied =
        new StepRunner(first, id(), ctx::report)
            .applyAll(List.of(ctx.renderedSteps().kubeadmRepository()));
    ctx.plan(
        ActivityStubs.nodeUpgrade(first.host(), "kubeadm upgrade plan")
            .upgradePlan(ctx.node(first.host())));
    StepTally pulled = PullReleaseImages.onEveryNode(ctx, id());
    return StepTally.sum(List.of(new StepTally(applied, 1), pulled));
  }
}
