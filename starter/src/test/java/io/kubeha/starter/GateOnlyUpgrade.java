package io.kubeha.starter;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.kubeha.workflow.upgrade.UpgradeResult;
import java.util.List;

/**
 * A ClusterUpgrade that only waits at kubeha's real approval gate, for tests of who the server lets
 * approve (StackAuthTest): kubeha's CLI takes it for an upgrade. Its result's version is who
 * approved, as the gate recorded it.
 */
public final class GateOnlyUpgrade implements ClusterUpgrade {
  // The probe's input names no inventory; its cluster is the one its workflow id names.
  private final ApprovalGate gate =
      new ApprovalGate(
          "the probe's upgrade",
          io.temporal.workflow.Workflow.getInfo().getWorkflowId().substring("kubeha-".length()));

  @Override
  public UpgradeResult run(UpgradeInput input) {
    String approvedBy = gate.await();
    return new UpgradeResult("probe", approvedBy, List.of(), List.of());
  }

  @Override
  public String approveUpgrade(ApprovalRequest request) {
    return gate.approve(request);
  }

  @Override
  public void validateApproveUpgrade(ApprovalRequest request) {
    gate.validate(request);
  }

  @Override
  public String retryNode(String retriedBy) {
    return retriedBy;
  }

  @Override
  public void validateRetryNode(String retriedBy) {
    throw new IllegalStateException("the probe has no node to retry");
  }

  @Override
  public String failedNode() {
    return "";
  }

  @Override
  public String upgradePlan() {
    return "the probe's plan: nothing to upgrade";
  }

  @Override
  public PhaseView phase() {
    return new PhaseView(
        Phase.AWAIT_UPGRADE_APPROVAL,
        Phase.AWAIT_UPGRADE_APPROVAL.title(),
        null,
        gate.waiting(),
        List.of());
  }

  @Override
  public List<HostStatus> hosts() {
    return List.of();
  }
}
