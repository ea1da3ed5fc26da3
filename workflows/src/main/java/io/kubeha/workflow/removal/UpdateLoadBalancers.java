package io.kubeha.workflow.removal;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/**
 * nginx on both LBs proxies only to the control planes that stay (a reload: keepalived and the VIP
 * stay put).
 */
public final class UpdateLoadBalancers implements OperationPhase<RemovalContext> {

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
    return proxyTo(ctx, ctx.remaining(), id());
  }

  /**
   * nginx on every LB proxying to upstreams' control planes, both at once; a reload where the
   * config changes.
   */
  public static StepTally proxyTo(OperationContext ctx, Inventory upstreams, Phase phase) {
    Step nginx = LoadBalancer.nginx(upstreams);
    List<String> lbs = upstreams.loadBalancers().stream().map(HostSpec::name).toList();
    return StepTally.sum(
        BoundedFanOut.run(
            lbs,
            ctx.concurrency(),
            lb -> {
              int applied =
                  new StepRunner(ctx.target(lb), phase, ctx::report).applyAll(List.of(nginx));
              return new StepTally(applied, 1);
            }));
  }
}
