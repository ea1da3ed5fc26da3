package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The effects of removing a node, each idempotent (a retried or resumed call adopts what is done):
 * asked of a control plane that stays (kubectl with its admin.conf, etcd through its gateway),
 * except the reset, which runs on the node itself.
 */
@ActivityInterface
public interface NodeRemovalActivities {

  /**
   * The nodes the API server knows, and etcd's members with the health of each control plane's
   * etcd.
   */
  @ActivityMethod(name = "InspectCluster")
  ClusterState inspectCluster(InspectClusterInput input);

  /**
   * kubectl cordon, then kubectl drain bounded by the timeout (evictions respect
   * PodDisruptionBudgets); fails non-retryably with kubectl's reason when the drain does not
   * finish.
   */
  @ActivityMethod(name = "DrainNode")
  StepResult drainNode(NodeChangeInput input);

  /** kubeadm reset on the node and the CNI and kubelet leftovers kubeadm leaves. */
  @ActivityMethod(name = "ResetNode")
  StepResult resetNode(NodeChangeInput input);

  /** The node's etcd member removed (kubeadm reset usually did it already). */
  @ActivityMethod(name = "RemoveEtcdMember")
  StepResult removeEtcdMember(NodeChangeInput input);

  /** kubectl delete node. */
  @ActivityMethod(name = "DeleteNode")
  StepResult deleteNode(NodeChangeInput input);
}
