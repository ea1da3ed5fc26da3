package io.kubeha.workflow;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import java.util.List;

/** nginx on both LBs proxies only to the control planes that stay (a reload: keepalived and the VIP stay put). */
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
    Inventory remaining = ctx.remaining();
    Step nginx = LoadBalancer.nginx(remaining);
    List<String> lbs = remaining.loadBalancers().stream().map(HostSpec::name).toList();
    return StepTally.sum(BoundedFanOut.run(lbs, ctx.concurrency(), lb -> {
      int applied = new StepRunner(ctx.target(lb), id(), ctx::report).applyAll(List.of(nginx));
      return new StepTally(applied, 1);
    }));
  }
}
