package io.kubeha.workflow.common;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/**
 * The LBs' nginx pointed at a set of control planes: after a removal, and around each control
 * plane's certificate renewal.
 */
public final class LoadBalancerUpstreams {
  private LoadBalancerUpstreams() {}

  /**
   * nginx on every LB proxying to upstreams' control planes, both at once; a reload where the
   * config changes.
   */
  public static StepTally proxyTo(OperationContext ctx, Inventory upstreams, Phase phase) {
    Step nginx = RenderedSteps.nginx(upstreams);
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
