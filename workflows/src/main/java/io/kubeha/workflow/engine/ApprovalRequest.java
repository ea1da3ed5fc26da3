package io.kubeha.workflow.engine;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * An operator's approval at a gate (kubeadm init, an upgrade, a restore, a reset, a removal): who
 * approves, and the cluster's name typed back. The gate refuses an approval that does not name its
 * cluster.
 */
public record ApprovalRequest(String approvedBy, String cluster) {

  @JsonCreator
  public ApprovalRequest {}

  /**
   * What older clients sent to approveUpgrade and approveRestore (the approver alone); it names no
   * cluster, so the gate refuses it, but recorded histories holding it still replay.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ApprovalRequest approverOnly(String approvedBy) {
    return new ApprovalRequest(approvedBy, null);
  }
}
