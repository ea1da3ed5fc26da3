package io.kubeha.workflow.removal;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.AwaitApproval;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import org.slf4j.Logger;

/**
 * The gate, checks, removes workers, then control planes, then updates the LBs: the bring-up's
 * phase engine, other phases.
 */
public final class ClusterRemoveNodesImpl extends OperationRun<RemovalContext>
    implements ClusterRemoveNodes {
  private static final List<OperationPhase<RemovalContext>> PHASES =
      List.of(
          new AwaitApproval<>(io.kubeha.plan.Phase.AWAIT_REMOVAL_APPROVAL, RemovalContext.GATE),
          new CheckRemoval(),
          new RemoveWorkers(),
          new RemoveControlPlanes(),
          new UpdateLoadBalancers());

  private static final Logger log = Workflow.getLogger(ClusterRemoveNodesImpl.class);

  private final RemovalContext ctx;

  @WorkflowInit
  public ClusterRemoveNodesImpl(RemovalInput input) {
    ctx = new RemovalContext(input, this::showDetails);
  }

  @Override
  public RemovalResult run(RemovalInput input) {
    InputCheck.inventory(input.inventory());
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    log.info("cluster {}: removed {}", ctx.inventory().clusterName(), ctx.removed());
    return new RemovalResult(
        ctx.inventory().clusterName(), ctx.removed(), outcomes, ctx.warnings());
  }

  @Override
  public String approveRemoval(ApprovalRequest request) {
    return approve(ctx, request);
  }

  @Override
  public void validateApproveRemoval(ApprovalRequest request) {
    ctx.gate().validate(request);
  }

  @Override
  public String removalPlan() {
    return ctx.plan();
  }

  @Override
  protected RemovalContext ctx() {
    return ctx;
  }
}
