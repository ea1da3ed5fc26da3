package io.kubeha.workflow.reset;

import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.GatedOperation;
import io.kubeha.workflow.engine.OperationContext;
import java.util.ArrayList;
import java.util.List;

/** What the reset's phases share: the nodes and LBs on the board, and the gate before any host. */
final class ResetContext extends OperationContext implements GatedOperation {
  /** Runs started before the reset had a gate go straight to the hosts. */
  static final String GATE = "reset-gate";

  private final ApprovalGate gate;

  ResetContext(ResetInput input, Runnable onProgress) {
    super(input.inventory(), shown(input), h -> h.isNode() ? ResetNodes.STEPS : 1, onProgress);
    gate = new ApprovalGate("the reset", input.inventory().clusterName());
  }

  private static List<HostSpec> shown(ResetInput input) {
    List<HostSpec> shown = new ArrayList<>(input.inventory().nodes());
    shown.addAll(input.inventory().loadBalancers());
    return shown;
  }

  @Override
  public ApprovalGate gate() {
    return gate;
  }

  /** Never: a reset is always approved at its gate. */
  @Override
  public boolean autoApproved() {
    return false;
  }

  @Override
  public String approvalSubject() {
    return "the reset of " + inventory().clusterName();
  }

  @Override
  public String plan() {
    return ResetPlan.text(inventory());
  }
}
