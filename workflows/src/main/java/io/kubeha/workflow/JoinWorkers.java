package io.kubeha.workflow;

import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;

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
    Step step = ctx.onlyStep(host, id());
    JoinInput input = new JoinInput(ctx.firstMaster(), ctx.target(host), false, step);
    JoinResult r =
        ClusterCall.run(
            ctx,
            id(),
            host,
            step,
            () -> ActivityStubs.clusterChange(host, step.id()).joinNode(input));
    return StepTally.one(!r.adopted());
  }
}
