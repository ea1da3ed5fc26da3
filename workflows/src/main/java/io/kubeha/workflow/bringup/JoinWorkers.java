package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.StepTally;

/** The workers, in parallel within the bound. */
final class JoinWorkers implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.JOIN_WORKERS;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.hostsIn(id()).isEmpty();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    return StepTally.sum(
        BoundedFanOut.run(ctx.hostsIn(id()), ctx.concurrency(), host -> runOn(ctx, host)));
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return StepTally.one(!ClusterCall.join(ctx, id(), host, false).adopted());
  }
}
