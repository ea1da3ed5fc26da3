package io.kubeha.workflow.upgrade;

import io.kubeha.workflow.common.RenderedSteps;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.AwaitApproval;
import io.kubeha.workflow.engine.CurrentDetails;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.PhaseSequence;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * Check and plan, the gate, the first control plane, the others, the workers: the shared phase
 * engine.
 */
public final class ClusterUpgradeImpl implements ClusterUpgrade {
  private static final List<OperationPhase<UpgradeContext>> PHASES =
      List.of(
          new CheckUpgrade(),
          new AwaitApproval<>(io.kubeha.plan.Phase.AWAIT_UPGRADE_APPROVAL),
          new UpgradeControlPlanes(true),
          new UpgradeControlPlanes(false),
          new UpgradeWorkers());

  private final UpgradeContext ctx;
  private final PhaseSequence<UpgradeContext> sequence = new PhaseSequence<>(this::showDetails);

  @WorkflowInit
  public ClusterUpgradeImpl(UpgradeInput input) {
    ctx = new UpgradeContext(input, this::showDetails);
  }

  @Override
  public UpgradeResult run(UpgradeInput input) {
    InputCheck.inventory(input.inventory());
    ctx.renderedSteps(RenderedSteps.fetch(ctx.inventory()));
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    Workflow.getLogger(ClusterUpgradeImpl.class)
        .info("cluster {} at {}", ctx.inventory().clusterName(), ctx.version());
    return new UpgradeResult(
        ctx.inventory().clusterName(), ctx.version(), ctx.upgraded(), outcomes);
  }

  private void showDetails() {
    String stopped =
        ctx.failed().isEmpty()
            ? ""
            : "\nStopped at "
                + ctx.failed()
                + "\n\nRetry it with `./kubeha retry` (the `retryNode` update), or cancel the run.\n";
    Workflow.setCurrentDetails(CurrentDetails.ofOperation(sequence.title(), ctx) + stopped);
  }

  @Override
  public String approveUpgrade(ApprovalRequest request) {
    String by = ctx.gate().approve(request);
    showDetails();
    return by;
  }

  @Override
  public void validateApproveUpgrade(ApprovalRequest request) {
    ctx.gate().validate(request);
  }

  @Override
  public String retryNode(String retriedBy) {
    return ctx.retry(retriedBy);
  }

  @Override
  public void validateRetryNode(String retriedBy) {
    ctx.validateRetry();
  }

  @Override
  public String failedNode() {
    return ctx.failed();
  }

  @Override
  public String upgradePlan() {
    return ctx.plan();
  }

  @Override
  public PhaseView phase() {
    return sequence.view(ctx.gate().waiting());
  }

  @Override
  public List<HostStatus> hosts() {
    return ctx.board().view();
  }
}
