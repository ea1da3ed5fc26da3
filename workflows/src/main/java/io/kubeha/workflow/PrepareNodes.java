package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/** One HostPrep child per host, in parallel within the bound. */
final class PrepareNodes implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.PREPARE_NODES;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.hostsIn(id()).isEmpty();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    String cluster = ctx.inventory().clusterName();
    return StepTally.sum(BoundedFanOut.run(ctx.hostsIn(id()), ctx.concurrency(), host -> {
      ChildWorkflowOptions options =
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(WorkflowIds.host(cluster, host))
              .setStaticSummary("Prepare " + host + " for its roles")
              .build();
      HostPrepResult r =
          Workflow.newChildWorkflowStub(HostPrep.class, options).run(new HostPrepInput(ctx.inventory(), host));
      return new StepTally(r.stepsApplied(), r.stepsTotal());
    }));
  }
}
