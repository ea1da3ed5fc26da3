package io.kubeha.workflow.removal;

import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.LoadBalancerUpstreams;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/**
 * nginx on both LBs proxies only to the control planes that stay (a reload: keepalived and the VIP
 * stay put).
 */
final class UpdateLoadBalancers implements OperationPhase<RemovalContext> {

  @Override
  public Phase id() {
    return Phase.UPDATE_LOAD_BALANCERS;
  }

  @Override
  public boolean shouldRun(RemovalContext ctx) {
    return ctx.inventory().hasLoadBalancers() && !ctx.going(Role.CONTROL_PLANE).isEmpty();
  }

  @Override
  public StepTally run(RemovalContext ctx) {
    return LoadBalancerUpstreams.proxyTo(ctx, ctx.remaining(), id());
  }
}
