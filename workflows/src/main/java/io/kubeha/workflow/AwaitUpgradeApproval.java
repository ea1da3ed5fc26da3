package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.temporal.workflow.Workflow;

/** The durable wait for the operator's approval of the plan kubeadm printed; skipped when approved at the start. */
final class AwaitUpgradeApproval implements OperationPhase<UpgradeContext> {

  @Override
  public Phase id() {
    return Phase.AWAIT_UPGRADE_APPROVAL;
  }

  @Override
  public boolean shouldRun(UpgradeContext ctx) {
    return !ctx.input().autoApprove();
  }

  @Override
  public StepTally run(UpgradeContext ctx) {
    String by = ctx.gate().await();
    Workflow.getLogger(AwaitUpgradeApproval.class).info("upgrade to {} approved by {}", ctx.version(), by);
    return StepTally.NONE;
  }
}
