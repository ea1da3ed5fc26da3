package io.kubeha.workflow.upgrade;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import java.util.ArrayList;
import java.util.List;

/**
 * The control planes one at a time: the first (kubeadm upgrade apply) as its own phase, then the
 * others (kubeadm upgrade node). A node that fails stops the roll there until the operator retries
 * it.
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

  @Override
  public StepTally run(UpgradeContext ctx) {
    List<StepTally> tallies = new ArrayList<>();
    for (String host : hosts(ctx)) {
      tallies.add(ctx.untilDone(host, () -> UpgradeNode.run(ctx, id(), host)));
    }
    return StepTally.sum(tallies);
  }

  private List<String> hosts(UpgradeContext ctx) {
    List<String> masters = ctx.inventory().controlPlanes().stream().map(HostSpec::name).toList();
    return first ? masters.subList(0, 1) : masters.subList(1, masters.size());
  }
}
