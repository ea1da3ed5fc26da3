package io.kubeha.workflow.upgrade;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A rolling upgrade one minor version up: preflight and `kubeadm upgrade plan`, the approval gate,
 * the first control plane (`kubeadm upgrade apply`), the others one at a time, then the workers at
 * most maxUnavailable at a time; each node drained, upgraded, Ready at the new version, uncordoned.
 */
@WorkflowInterface
public interface ClusterUpgrade extends ObservedOperation {
  String APPROVE_UPGRADE = "approveUpgrade";

  @WorkflowMethod(name = "ClusterUpgrade")
  UpgradeResult run(UpgradeInput input);

  /** Approves the upgrade; rejected unless the run waits at its gate and it names the cluster. */
  @UpdateMethod(name = APPROVE_UPGRADE)
  String approveUpgrade(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = APPROVE_UPGRADE)
  void validateApproveUpgrade(ApprovalRequest request);

  String RETRY_NODE = "retryNode";

  /** Runs the node the roll stopped at again; rejected unless the run waits at a failed node. */
  @UpdateMethod(name = RETRY_NODE)
  String retryNode(String retriedBy);

  @UpdateValidatorMethod(updateName = RETRY_NODE)
  void validateRetryNode(String retriedBy);

  /** "host: error" of the node the roll stopped at, or "" while none failed. */
  @QueryMethod(name = "failedNode")
  String failedNode();

  /** What `kubeadm upgrade plan` printed on the first control plane (empty before it ran). */
  @QueryMethod(name = "upgradePlan")
  String upgradePlan();
}
