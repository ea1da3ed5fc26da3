package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.StepTally;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;

/** One HostPrep child per host, in parallel within the bound. */
final class PrepareNodes implements BringUpPhase {
  /**
   * Version 1: a child's input no longer carries the inventory (every child's start event is in
   * this run's history, so it grew as hosts squared); the child fetches it by an activity.
   */
  static final String CHILD_INPUT_CHANGE = "host-prep-input";

  static final int HOST_ONLY_INPUT = 1;

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
    boolean hostOnly =
        Workflow.getVersion(CHILD_INPUT_CHANGE, Workflow.DEFAULT_VERSION, HOST_ONLY_INPUT)
            == HOST_ONLY_INPUT;
    return StepTally.sum(
        BoundedFanOut.run(
            ctx.hostsIn(id()), ctx.concurrency(), host -> prepare(ctx, host, hostOnly)));
  }

  /** The graph runs only since children fetch their inventory: no version to ask. */
  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return prepare(ctx, host, true);
  }

  private StepTally prepare(BringUpContext ctx, String host, boolean hostOnly) {
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.host(ctx.inventory().clusterName(), host))
            .setStaticSummary("Prepare " + host + " for its roles")
            .build();
    List<Step> steps = ctx.steps(host, id());
    // What the child would otherwise signal: its first step starts now, and its result is its end.
    ctx.report(new HostProgress(host, id(), steps.get(0).id(), 0, steps.size(), 1, null, 1));
    HostPrepInput input =
        hostOnly
            ? HostPrepInput.of(host, ctx.timePackage())
            : new HostPrepInput(ctx.inventory(), host, ctx.timePackage());
    HostPrepResult r = Workflow.newChildWorkflowStub(HostPrep.class, options).run(input);
    ctx.report(
        new HostProgress(
            host, id(), null, r.stepsTotal(), r.stepsTotal(), 0, null, Long.MAX_VALUE));
    return new StepTally(r.stepsApplied(), r.stepsTotal());
  }
}
