package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.temporal.workflow.Workflow;

/** The durable wait for the operator's approval of the restore plan; skipped when approved at the start. */
final class AwaitRestoreApproval implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.AWAIT_RESTORE_APPROVAL;
  }

  @Override
  public boolean shouldRun(RestoreContext ctx) {
    return !ctx.input().autoApprove();
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    String by = ctx.gate().await();
    Workflow.getLogger(AwaitRestoreApproval.class).info("restore of {} approved by {}", ctx.inventory().clusterName(), by);
    return StepTally.NONE;
  }
}
