package io.kubeha.workflow.reset;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/** keepalived and nginx stopped on both LBs: the VIP goes away with the cluster. */
final class StopLoadBalancers implements OperationPhase<ResetContext> {

  @Override
  public Phase id() {
    return Phase.STOP_LOAD_BALANCERS;
  }

  @Override
  public boolean shouldRun(ResetContext ctx) {
    return ctx.inventory().hasLoadBalancers();
  }

  @Override
  public StepTally run(ResetContext ctx) {
    List<String> lbs = ctx.inventory().loadBalancers().stream().map(HostSpec::name).toList();
    return StepTally.sum(
        BoundedFanOut.run(
            lbs,
            ctx.concurrency(),
            lb ->
                new StepTally(
                    new StepRunner(ctx.target(lb), id(), ctx::report)
                        .applyAll(List.of(ctx.renderedSteps().teardownLoadBalancer())),
                    1)));
  }
}
