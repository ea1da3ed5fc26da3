package io.kubeha.workflow.upgrade;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.LoadBalancerUpstreams;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The control planes one at a time: the first (kubeadm upgrade apply) as its own phase, then the
 * others (kubeadm upgrade node). A node that fails stops the roll there until the operator retries
 * it. Each is out of the load balancers' upstreams meanwhile: kubeadm restarts its etcd and API
 * server, and nginx (a TCP proxy) would send it a third of the requests through the VIP while its
 * /readyz says etcd failed (47 of 2,002 polls through the VIP failed in a 3-master roll without
 * it).
 */
final class UpgradeControlPlanes implements OperationPhase<UpgradeContext> {
  private final boolean first;

  UpgradeControlPlanes(boolean first) {
    this.first = first;
  }

  @Override
  public Phase id() {
    return first ? Phase.UPGRADE_FIRST_CONTROL_PLANE : Phase.UPGRADE_CONTROL_PLANES;
  }

  @Override
  public boolean shouldRun(UpgradeContext ctx) {
    return !hosts(ctx).isEmpty();
  }

  /** Workflow.getVersion change id: runs recorded before it keep every node in the upstreams. */
  static final String LB_DRAIN = "upgrade-control-plane-lb-drain";

  @Override
  public StepTally run(UpgradeContext ctx) {
    List<StepTally> tallies = new ArrayList<>();
    for (String host : hosts(ctx)) {
      Supplier<StepTally> upgrade =
          () -> ctx.untilDone(host, () -> UpgradeNode.run(ctx, id(), host));
      boolean drain =
          Workflow.getVersion(LB_DRAIN, Workflow.DEFAULT_VERSION, 1) >= 1
              && ctx.inventory().canDrainControlPlanes();
      tallies.add(drain ? LoadBalancerUpstreams.without(ctx, host, id(), upgrade) : upgrade.get());
    }
    return StepTally.sum(tallies);
  }

  private List<String> hosts(UpgradeContext ctx) {
    List<String> masters = ctx.inventory().controlPlanes().stream().map(HostSpec::name).toList();
    return first ? masters.subList(0, 1) : masters.subList(1, masters.size());
  }
}
