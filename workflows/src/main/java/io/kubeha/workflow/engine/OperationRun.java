package io.kubeha.workflow.engine;

import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * What a day-2 operation's workflow implementation shares: its phase sequence, the UI's details
 * after every change, the phase and hosts queries, and, for a gated one, its approval update, all
 * read from the operation's context.
 */
public abstract class OperationRun<C extends OperationContext> {
  protected final PhaseSequence<C> sequence = new PhaseSequence<>(this::showDetails);

  /**
   * The operation's context; made in the subclass's @WorkflowInit constructor with
   * this::showDetails.
   */
  protected abstract C ctx();

  protected final void showDetails() {
    Workflow.setCurrentDetails(CurrentDetails.ofOperation(sequence.title(), ctx()));
  }

  public PhaseView phase() {
    return sequence.view(ctx() instanceof GatedOperation gated && gated.gate().waiting());
  }

  public List<HostStatus> hosts() {
    return ctx().board().view();
  }

  /** The approval update of a gated operation: who approved. */
  protected final String approve(GatedOperation gated, ApprovalRequest request) {
    String by = gated.gate().approve(request);
    showDetails();
    return by;
  }
}
