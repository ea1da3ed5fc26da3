package io.kubeha.workflow;

import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.temporal.failure.TemporalFailure;
import java.util.List;

/**
 * The workers, at most maxUnavailable at a time. Once one fails, no further worker is started:
 * the roll stops there and the rest stay untouched.
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
    boolean[] stopped = {false};
    int bound = Math.max(1, ctx.input().maxUnavailable());
    return StepTally.sum(BoundedFanOut.run(workers(ctx), bound, host -> {
      if (stopped[0]) {
        return StepTally.NONE; // left untouched: an earlier worker failed
      }
      try {
        return UpgradeNode.run(ctx, id(), host);
      } catch (TemporalFailure e) {
        stopped[0] = true;
        throw e;
      }
    }));
  }

  private static List<String> workers(UpgradeContext ctx) {
    return ctx.inventory().nodes().stream().filter(h -> !h.has(Role.CONTROL_PLANE)).map(h -> h.name()).toList();
  }
}
