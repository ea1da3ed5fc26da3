package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;

/** keepalived and nginx on both load balancers, in parallel. */
final class ConfigureLoadBalancers implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.CONFIGURE_LOAD_BALANCERS;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return ctx.inventory().hasLoadBalancers();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    return ctx.applySteps(id(), ctx.hostsIn(id()));
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return ctx.applySteps(id(), host);
  }
}
