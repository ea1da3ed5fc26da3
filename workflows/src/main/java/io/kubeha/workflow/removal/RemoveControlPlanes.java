package io.kubeha.workflow.removal;

import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import java.util.ArrayList;
import java.util.List;

/**
 * Control planes strictly one at a time: each etcd member removal completes before the next begins.
 */
final class RemoveControlPlanes implements OperationPhase<RemovalContext> {

  @Override
  public Phase id() {
    return Phase.REMOVE_CONTROL_PLANES;
  }

  @Override
  public boolean shouldRun(RemovalContext ctx) {
    return !ctx.going(Role.CONTROL_PLANE).isEmpty();
  }

  @Override
  public StepTally run(RemovalContext ctx) {
    List<StepTally> tallies = new ArrayList<>();
    for (String host : ctx.going(Role.CONTROL_PLANE)) {
      tallies.add(RemoveNode.run(ctx, id(), host));
    }
    return StepTally.sum(tallies);
  }
}
