package io.kubeha.workflow.upgrade;

import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/**
 * The workers, at most maxUnavailable at a time. Once one fails, no further worker is started until
 * the operator retries it (those already under way finish).
 */
final class UpgradeWorkers implements OperationPhase<UpgradeContext> {

  @Override
  public Phase id() {
    return Phase.UPGRADE_WORKERS;
  }

  @Override
  public boolean shouldRun(UpgradeContext ctx) {
    return !workers(ctx).isEmpty();
  }

  @Override
  public StepTally run(UpgradeContext ctx) {
    int bound = Math.max(1, ctx.input().maxUnavailable());
    return StepTally.sum(
        BoundedFanOut.run(
            workers(ctx),
            bound,
            host -> {
              ctx.awaitNoFailedNode(); // a failed worker holds the roll: the rest stay untouched
              // until it is retried
              return ctx.untilDone(host, () -> UpgradeNode.run(ctx, id(), host));
            }));
  }

  private static List<String> workers(UpgradeContext ctx) {
    return ctx.inventory().nodes().stream()
        .filter(h -> !h.has(Role.CONTROL_PLANE))
        .map(h -> h.name())
        .toList();
  }
}
