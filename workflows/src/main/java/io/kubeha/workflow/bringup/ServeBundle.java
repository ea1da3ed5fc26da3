package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;

/**
 * The bundle unpacked and served on both load balancers, in parallel, before the nodes fetch from
 * it (only inventories with spec.artifacts.bundle have this phase's steps).
 */
final class ServeBundle implements ParallelHostsPhase {

  @Override
  public Phase id() {
    return Phase.SERVE_BUNDLE;
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return ctx.applySteps(id(), host);
  }
}
