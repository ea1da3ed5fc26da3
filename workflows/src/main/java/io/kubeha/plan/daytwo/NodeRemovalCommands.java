package io.kubeha.plan.daytwo;

import static io.kubeha.plan.Shell.quote;

import io.kubeha.plan.KubeadmConfig;
import io.kubeha.plan.Teardown;

/**
 * The shell commands that take a node out: cordon and drain (on a control plane that stays),
 * kubeadm reset (on the node), its etcd member's removal and its Node object's deletion.
 */
public final class NodeRemovalCommands {
  /**
   * kubeadm reset, then what it leaves of the Pod network (its message says to clean it): the CNI
   * configuration, the IPAM leases, the add-on's devices and rules. A node added back later may get
   * another podCIDR, and a cni0 left with the old one's address keeps its Pods from starting.
   */
  public static final String RESET =
      "kubeadm reset --force --cri-socket "
          + KubeadmConfig.CRI_SOCKET
          + " && rm -rf /etc/cni/net.d/* /var/lib/cni /run/flannel"
          + " /var/lib/kubeha/pending/kubeadm-join && { "
          + Teardown.removeNetworkLeftovers()
          + "true; }";

  /** The detached job of kubeadm reset on a node. */
  public static final String RESET_JOB = "node-reset";

  /** Nothing of kubeadm's left on the node: no kubelet kubeconfig, no static Pod manifest. */
  public static final String RESET_DONE =
      "test ! -e /etc/kubernetes/kubelet.conf && test -z \"$(ls -A /etc/kubernetes/manifests 2>/dev/null)\"";

  private NodeRemovalCommands() {}

  public static String cordon(String node) {
    return ControlPlaneAccess.KUBECTL + " cordon " + quote(node);
  }

  /** The detached job of a node's drain, on the acting control plane. */
  public static String drainJob(String node) {
    return "drain-" + node;
  }

  /** Evicts the node's Pods (PodDisruptionBudgets respected) for at most timeoutSeconds. */
  public static String drain(String node, int timeoutSeconds) {
    return ControlPlaneAccess.KUBECTL
        + " drain "
        + quote(node)
        + " --ignore-daemonsets --delete-emptydir-data --timeout="
        + timeoutSeconds
        + "s";
  }

  /** memberId: as etcd's member list gives it. */
  public static String removeMember(String memberId) {
    return ControlPlaneAccess.etcdGateway("remove", "{\"ID\":\"" + memberId + "\"}");
  }

  public static String deleteNode(String node) {
    return ControlPlaneAccess.KUBECTL + " delete node --ignore-not-found " + quote(node);
  }
}
