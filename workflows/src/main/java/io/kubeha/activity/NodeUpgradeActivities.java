package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The effects of a rolling upgrade that are not plan steps; each adopts what an earlier attempt
 * did.
 */
@ActivityInterface
public interface NodeUpgradeActivities {

  /**
   * The new kubeadm on the first control plane (from the new minor's repository), then `kubeadm
   * upgrade plan`'s output.
   */
  @ActivityMethod(name = "UpgradePlan")
  String upgradePlan(UpgradeNodeInput input);

  /**
   * `kubeadm upgrade apply vX` on the first control plane, `kubeadm upgrade node` elsewhere; once
   * per version.
   */
  @ActivityMethod(name = "KubeadmUpgrade")
  StepResult kubeadmUpgrade(UpgradeNodeInput input);

  /** Restarts the kubelet and waits until the node is Ready at the new version. */
  @ActivityMethod(name = "RestartKubelet")
  StepResult restartKubelet(UpgradeNodeInput input);

  /** kubectl uncordon. */
  @ActivityMethod(name = "UncordonNode")
  StepResult uncordonNode(UpgradeNodeInput input);
}
