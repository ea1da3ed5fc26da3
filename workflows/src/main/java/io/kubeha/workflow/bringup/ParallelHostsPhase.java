package io.kubeha.workflow.bringup;

import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.StepTally;

/** A phase of the hosts with steps in it, in parallel within the bound; runOn is its work. */
interface ParallelHostsPhase extends BringUpPhase {

  @Override
  default boolean shouldRun(BringUpContext ctx) {
    return !ctx.hostsIn(id()).isEmpty();
  }

  @Override
  default StepTally run(BringUpContext ctx) {
    return StepTally.sum(
        BoundedFanOut.run(ctx.hostsIn(id()), ctx.concurrency(), host -> runOn(ctx, host)));
  }

  @Override
  StepTally runOn(BringUpContext ctx, String host);
}
