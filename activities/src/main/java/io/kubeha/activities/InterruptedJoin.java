package io.kubeha.activities;

import io.kubeha.plan.KubeadmConfig;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;

/**
 * What a join that died part-way (its host rebooted, its process was killed) or a prepare that is
 * not finished from leaves: certificates, kubeconfigs, static Pod manifests and perhaps an etcd
 * member. kubeadm's preflight refuses to join over them, so they are cleared before a join starts.
 */
final class InterruptedJoin {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration RESET_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What kubeadm join writes before it is done; none of it is there on a host that never joined.
   */
  private static final String LEFTOVERS =
      "test -e "
          + NodeJoin.KUBELET_CONF
          + " -o -e /etc/kubernetes/bootstrap-kubelet.conf"
          + " -o -e /etc/kubernetes/pki/ca.crt -o -n \"$(ls -A /etc/kubernetes/manifests 2>/dev/null)\"";

  /**
   * etcd's data dir, which kubeadm's control-plane preflight wants empty. kubeadm reset leaves it
   * when the etcd manifest is already gone ("assuming external etcd"), and an etcd container still
   * running through a reset can write it again after the reset removed it.
   */
  private static final String ETCD_DATA_DIR = "/var/lib/etcd";

  private static final String ETCD_LEFTOVERS =
      " -o -n \"$(ls -A " + ETCD_DATA_DIR + " 2>/dev/null)\"";

  private InterruptedJoin() {}

  /**
   * kubeadm reset the joining host if a join left anything, and remove an etcd member still named
   * for it or at its peer address, so the join starts clean. Only for a host that is not a member.
   */
  static void clear(RemoteShell master, RemoteShell joining, boolean controlPlane) {
    String look = LEFTOVERS + (controlPlane ? ETCD_LEFTOVERS : "");
    boolean leftovers =
        joining.run(RemoteCommand.of(look, QUICK).withSummary("look for an interrupted join")).ok();
    if (!leftovers) {
      return;
    }
    // Not a member (adoption was ruled out), so its etcd data is a partial join's, not the
    // cluster's.
    String reset =
        "kubeadm reset --force --cri-socket "
            + KubeadmConfig.CRI_SOCKET
            + " && rm -rf /etc/cni/net.d/*"
            + (controlPlane ? " && rm -rf " + ETCD_DATA_DIR : "");
    joining.runOk(
        RemoteCommand.of(reset, RESET_TIMEOUT), "kubeadm reset after an interrupted join");
    if (controlPlane) {
      String host = joining.target().host();
      String peer = "//" + joining.target().address() + ":2380";
      for (ClusterJson.Member m : new ClusterQueries(master).etcdMemberList()) {
        if (m.name().equals(host) || m.peerUrls().stream().anyMatch(u -> u.contains(peer))) {
          master.runOk(
              RemoteCommand.of(
                      ClusterQueries.etcdGateway("remove", "{\"ID\":\"" + m.id() + "\"}"), QUICK)
                  .withSummary("etcd member remove " + host),
              "remove the etcd member of the interrupted join of " + host);
        }
      }
    }
  }
}
