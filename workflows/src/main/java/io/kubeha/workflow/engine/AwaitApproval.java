package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;
import io.temporal.workflow.Workflow;

/**
 * The durable wait for the operator's approval of a day-2 operation's plan; skipped when approved
 * at the start.
 */
public final class AwaitApproval<C extends GatedOperation> implements OperationPhase<C> {
  private final Phase id;
  private final String change;

  public AwaitApproval(Phase id) {
    this(id, null);
  }

  /** A gate added to an operation later: runs from before change (its version id) have none. */
  public AwaitApproval(Phase id, String change) {
    this.id = id;
    this.change = change;
  }

  @Override
  public Phase id() {
    return id;
  }

  @Override
  public boolean shouldRun(C ctx) {
    return !ctx.autoApproved()
        && (change == null
            || Workflow.getVersion(change, Workflow.DEFAULT_VERSION, 1)
                != Workflow.DEFAULT_VERSION);
  }

  @Override
  public StepTally run(C ctx) {
    String by = ctx.gate().await();
    Workflow.getLogger(AwaitApproval.class).info("{} approved by {}", ctx.approvalSubject(), by);
    return StepTally.NONE;
  }
}
