package io.kubeha.plan.daytwo;

import static io.kubeha.plan.Shell.quote;

import io.kubeha.plan.Apt;
import java.util.List;

/**
 * The shell commands of a node's upgrade: kubeadm of the new version, its plan, the upgrade with
 * its marker (baseDir: where markers and jobs live on the host), the kubelet restart, uncordon.
 */
public record UpgradeCommands(String baseDir) {
  public static final String RESTART_KUBELET =
      "systemctl daemon-reload && systemctl restart kubelet";

  /**
   * kubeadm's --ignore-preflight-errors for the inventory's spec.kubernetes.ignorePreflightErrors,
   * or "".
   */
  public static String ignoreFlag(List<String> ignoredChecks) {
    return ignoredChecks == null || ignoredChecks.isEmpty()
        ? ""
        : " --ignore-preflight-errors=" + String.join(",", ignoredChecks);
  }

  /** The detached job that installs kubeadm of version on the first control plane. */
  public static String installJob(String version) {
    return "upgrade-kubeadm-" + version;
  }

  /** kubeadm at version, held; nothing when it is there already. */
  public static String installKubeadm(String version) {
    String pinned = quote("kubeadm=" + version + "-*");
    return "kubeadm version -o short 2>/dev/null | grep -qxF "
        + quote("v" + version)
        + " || { "
        + Apt.UPDATE
        + " && "
        + Apt.GET
        + " install --allow-change-held-packages "
        + pinned
        + " && apt-mark hold kubeadm; }";
  }

  /** ignoreFlag: " --ignore-preflight-errors=..." or "". */
  public static String plan(String version, String ignoreFlag) {
    return "kubeadm upgrade plan " + quote("v" + version) + ignoreFlag;
  }

  /** The detached job of a node's kubeadm upgrade. */
  public static String upgradeJob(String version) {
    return "kubeadm-upgrade-" + version;
  }

  /** `kubeadm upgrade apply` on the first control plane, `kubeadm upgrade node` elsewhere. */
  public static String upgrade(boolean first, String version, String ignoreFlag) {
    return first
        ? "kubeadm upgrade apply " + quote("v" + version) + " --yes" + ignoreFlag
        : "kubeadm upgrade node" + ignoreFlag;
  }

  /** The marker a node's upgrade to version leaves. */
  public String marker(String version) {
    return baseDir + "/upgraded/v" + version;
  }

  /** Exits 0 once the node was upgraded to version. */
  public String upgraded(String version) {
    return "test -f " + quote(marker(version));
  }

  /** The marker written and the finished job's directory removed. */
  public String recordUpgrade(String version) {
    return "mkdir -p "
        + quote(baseDir + "/upgraded")
        + " && : > "
        + quote(marker(version))
        + " && rm -rf "
        + quote(DetachedJobs.dir(baseDir, upgradeJob(version)));
  }

  public static String uncordon(String node) {
    return ControlPlaneAccess.KUBECTL + " uncordon " + quote(node);
  }
}
