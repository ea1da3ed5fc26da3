package io.kubeha.workflow.removal;

import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/** Workers in parallel within the bound; one whose drain does not finish stops only itself. */
final class RemoveWorkers implements OperationPhase<RemovalContext> {

  @Override
  public Phase id() {
    return Phase.REMOVE_WORKERS;
  }

  @Override
  public boolean shouldRun(RemovalContext ctx) {
    return !workers(ctx).isEmpty();
  }

  @Override
  public StepTally run(RemovalContext ctx) {
    return StepTally.sum(
        BoundedFanOut.run(
            workers(ctx), ctx.concurrency(), host -> RemoveNode.run(ctx, id(), host)));
  }

  /**
   * Workers only: a host that is both worker and control plane is removed with the control planes.
   */
  private static java.util.List<String> workers(RemovalContext ctx) {
    return ctx.going().stream().filter(h -> !h.has(Role.CONTROL_PLANE)).map(h -> h.name()).toList();
  }
}
