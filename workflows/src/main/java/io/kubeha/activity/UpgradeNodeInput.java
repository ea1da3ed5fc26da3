package io.kubeha.activity;

import io.kubeha.plan.daytwo.UpgradeCommands;
import java.util.List;

/**
 * One node's upgrade to version ("1.37.2"): acting is the control plane where kubectl is asked;
 * first is true on the control plane that runs `kubeadm upgrade apply`.
 */
public record UpgradeNodeInput(
    SshTarget acting,
    SshTarget node,
    String version,
    boolean first,
    boolean controlPlane,
    List<String> ignoredChecks) {

  /**
   * kubeadm's --ignore-preflight-errors for the inventory's spec.kubernetes.ignorePreflightErrors,
   * or "".
   */
  public String ignoreFlag() {
    return UpgradeCommands.ignoreFlag(ignoredChecks);
  }
}
