package io.kubeha.workflow.removal;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Removes nodes from a running cluster: the approval gate before any host is touched, then workers
 * drained and reset in parallel within the bound, then control planes one at a time (etcd
 * membership changes are not safe in parallel), then the load balancers' upstreams. The same phase
 * and hosts queries as the bring-up.
 */
@WorkflowInterface
public interface ClusterRemoveNodes extends ObservedOperation {
  String APPROVE_REMOVAL = "approveRemoval";

  @WorkflowMethod(name = "ClusterRemoveNodes")
  RemovalResult run(RemovalInput input);

  /** Approves the removal; rejected unless the run waits at its gate and it names the cluster. */
  @UpdateMethod(name = APPROVE_REMOVAL)
  String approveRemoval(ApprovalRequest request);

  @UpdateValidatorMethod(updateName = APPROVE_REMOVAL)
  void validateApproveRemoval(ApprovalRequest request);

  /** What the removal will do, node by node: what its gate waits to have approved. */
  @QueryMethod(name = "removalPlan")
  String removalPlan();
}
