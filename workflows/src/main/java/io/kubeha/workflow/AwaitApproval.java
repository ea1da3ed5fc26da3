package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.temporal.workflow.Workflow;

/**
 * The durable wait for the operator's approval of a day-2 operation's plan; skipped when approved
 * at the start.
 */
final class AwaitApproval<C extends GatedOperation> implements OperationPhase<C> {
  private final Phase id;

  AwaitApproval(Phase id) {
    this.id = id;
  }

  @Override
  public Phase id() {
    return id;
  }

  @Override
  public boolean shouldRun(C ctx) {
    return !ctx.autoApproved();
  }

  @Override
  public StepTally run(C ctx) {
    String by = ctx.gate().await();
    Workflow.getLogger(AwaitApproval.class).info("{} approved by {}", ctx.approvalSubject(), by);
    return StepTally.NONE;
  }
}
