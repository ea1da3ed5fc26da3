package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Effects that involve the cluster as a whole: init, joins, the CNI add-on, verification. */
@ActivityInterface
public interface ClusterActivities {

  /**
   * kubeadm init on the first master, exactly once (adopts an earlier init); saves admin.conf
   * locally.
   */
  @ActivityMethod(name = "InitFirstControlPlane")
  InitResult initFirstControlPlane(InitInput input);

  /** Apply the CNI manifest from the first master and wait until every registered node is Ready. */
  @ActivityMethod(name = "InstallCni")
  StepResult installCni(InstallCniInput input);

  /**
   * Mint a fresh token (and certificate key for a control plane) on the first master, join the host
   * with them, and wait until it is registered (and an etcd member for a control plane). The
   * secrets stay inside this activity.
   */
  @ActivityMethod(name = "JoinNode")
  JoinResult joinNode(JoinInput input);

  /**
   * A control plane's join up to what changes the cluster: mint its token (and share the
   * certificate key), fill its join config on the host, and run kubeadm join's preflight and
   * control-plane-prepare phases, leaving a marker that joinNode then finishes from. Adopted: the
   * host had joined, was prepared for this config, or its join is under way.
   */
  @ActivityMethod(name = "PrepareControlPlaneJoin")
  JoinResult prepareControlPlaneJoin(JoinInput input);

  /**
   * Nodes Ready, etcd members, the API through the endpoint, the VIP on exactly one LB; failover if
   * asked.
   */
  @ActivityMethod(name = "VerifyCluster")
  VerifyReport verifyCluster(VerifyInput input);
}
