package io.kubeha.workflow.common;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Supplier;

/**
 * The LBs' nginx pointed at a set of control planes: after a removal, and around each control
 * plane's certificate renewal and upgrade.
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

  /**
   * Work on a control plane while nginx (a TCP proxy, blind to /readyz) sends its share of the
   * VIP's requests to the others; it is back in the upstreams afterwards, also after a failure or a
   * cancellation, since its API server serves again once it runs.
   */
  public static StepTally without(
      OperationContext ctx, String controlPlane, Phase phase, Supplier<StepTally> work) {
    proxyTo(ctx, ctx.inventory().without(List.of(controlPlane)), phase);
    StepTally done;
    try {
      done = work.get();
    } catch (TemporalFailure e) {
      Workflow.newDetachedCancellationScope(
              () -> {
                try {
                  proxyTo(ctx, ctx.inventory(), phase);
                } catch (TemporalFailure back) {
                  ctx.warn(
                      "could not put "
                          + controlPlane
                          + " back into the load balancers' upstreams: "
                          + FailureText.of(back));
                }
              })
          .run();
      throw e;
    }
    proxyTo(ctx, ctx.inventory(), phase);
    return done;
  }
}
