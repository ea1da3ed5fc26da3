package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** Waits, durably and for as long as needed, until an operator approves kubeadm init. */
final class AwaitInitApproval implements BringUpPhase {
  private static final Logger log = Workflow.getLogger(AwaitInitApproval.class);

  @Override
  public Phase id() {
    return Phase.AWAIT_INIT_APPROVAL;
  }

  /** Not when the operator approved up front, nor when init already happened (it is adopted). */
  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.input().autoApprove() && !ctx.firstMasterJoined();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    log.info("waiting for approveInit; the initPlan query shows what init will do");
    String approvedBy = ctx.gate().await();
    log.info("kubeadm init approved by {}", approvedBy);
    return StepTally.NONE;
  }
}
