package io.kubeha.workflow.reset;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Takes a cluster down for good: the approval gate before any host is touched, then kubeadm reset
 * on every node (workers, then control planes one at a time), what node prep installed for
 * Kubernetes removed, keepalived and nginx stopped. The OS prep stays; `up` afterwards builds the
 * cluster anew.
 */
@WorkflowInterface
public interface ClusterReset extends ObservedOperation {
  String APPROVE_RESET = "approveReset";

  @WorkflowMethod(name = "ClusterReset")
  ResetResult run(ResetInput input);

  /** Approves the reset; rejected unless the run waits at its gate and it names the cluster. */
  @UpdateMethod(name = APPROVE_RESET)
  String approveReset(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = APPROVE_RESET)
  void validateApproveReset(ApprovalRequest request);

  /** What the reset will do, host by host: what its gate waits to have approved. */
  @QueryMethod(name = "resetPlan")
  String resetPlan();
}
