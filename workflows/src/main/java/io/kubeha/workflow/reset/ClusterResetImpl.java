package io.kubeha.workflow.reset;

import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.common.RenderedSteps;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.AwaitApproval;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * The gate, then resets the nodes, then stops the LBs: the shared phase engine with the reset's
 * phases.
 */
public final class ClusterResetImpl extends OperationRun<ResetContext> implements ClusterReset {
  private static final List<OperationPhase<ResetContext>> PHASES =
      List.of(
          new AwaitApproval<>(io.kubeha.plan.Phase.AWAIT_RESET_APPROVAL, ResetContext.GATE),
          new ResetNodes(),
          new StopLoadBalancers());

  private final ResetContext ctx;

  @WorkflowInit
  public ClusterResetImpl(ResetInput input) {
    ctx = new ResetContext(input, this::showDetails);
  }

  @Override
  public ResetResult run(ResetInput input) {
    InputCheck.inventory(input.inventory());
    ctx.renderedSteps(RenderedSteps.fetch(ctx.inventory()));
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    List<String> reset = ctx.inventory().nodes().stream().map(HostSpec::name).toList();
    Workflow.getLogger(ClusterResetImpl.class)
        .info("cluster {} reset", ctx.inventory().clusterName());
    return new ResetResult(
        ctx.inventory().clusterName(), reset, outcomes, Workflow.currentTimeMillis());
  }

  @Override
  public String approveReset(ApprovalRequest request) {
    return approve(ctx, request);
  }

  @Override
  public void validateApproveReset(ApprovalRequest request) {
    ctx.gate().validate(request);
  }

  @Override
  public String resetPlan() {
    return ctx.plan();
  }

  @Override
  protected ResetContext ctx() {
    return ctx;
  }
}
