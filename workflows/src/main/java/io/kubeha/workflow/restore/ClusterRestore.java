package io.kubeha.workflow.restore;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Disaster recovery of a stacked etcd: the snapshot checked and uploaded to every control plane,
 * the approval gate showing what will be lost, then every control plane stopped, each member's data
 * restored from the snapshot into one new cluster, etcd started on all, then the control plane, and
 * the cluster verified. No member starts before every member is restored, so there are never two
 * etcd clusters.
 */
@WorkflowInterface
public interface ClusterRestore extends ObservedOperation {
  String APPROVE_RESTORE = "approveRestore";

  @WorkflowMethod(name = "ClusterRestore")
  RestoreResult run(RestoreInput input);

  /** Approves the restore; rejected unless the run waits at its gate and it names the cluster. */
  @UpdateMethod(name = APPROVE_RESTORE)
  String approveRestore(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = APPROVE_RESTORE)
  void validateApproveRestore(ApprovalRequest request);

  /**
   * What the restore will do and lose (empty before the snapshot is checked on the control planes).
   */
  @QueryMethod(name = "restorePlan")
  String restorePlan();
}
