package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reset takes away after `kubeadm reset`: everything node prep installed for Kubernetes (the
 * packages and their repository, containerd, runc, the CNI plugins, their downloads and the state
 * kubeadm leaves: the CNI add-on's devices, IPAM state and iptables chains, kube-proxy's rules),
 * and on the LBs keepalived and nginx stopped. The OS prep stays: hostname, /etc/hosts block,
 * kernel modules, sysctls, swap off, chrony. `up` afterwards installs it all again.
 */
public final class Teardown {
  private Teardown() {}

  /** Node state directories kubeadm reset leaves or that belong to the runtime. */
  private static final List<String> STATE =
      List.of(
          "/etc/kubernetes",
          "/var/lib/kubelet",
          "/var/lib/etcd",
          "/etc/containerd",
          "/var/lib/containerd",
          "/etc/cni/net.d",
          "/var/lib/cni",
          "/run/flannel",
          "/var/lib/calico",
          "/run/calico",
          ContainerRuntime.CNI_BIN);

  /** The network devices the CNI add-ons make on a node (flannel's and Calico's). */
  private static final List<String> CNI_LINKS =
      List.of("cni0", "flannel.1", "flannel-v6.1", "vxlan.calico", "vxlan-v6.calico");

  /**
   * The rules kube-proxy, the CNI add-ons and the portmap plugin add, by their chains' names: every
   * line of iptables-save naming one goes, and the rest of the host's firewall is restored as it
   * was (kubeadm reset leaves them; `iptables -F` would take the host's own rules too).
   */
  static final String CLUSTER_CHAINS = "KUBE-|FLANNEL|CNI-|cali-";

  /** The path every shim of the containerd kubeha installs starts with. */
  static final String SHIMS = "/usr/local/bin/containerd-shim";

  /**
   * Shims that outlive containerd: its unit stops only containerd itself (KillMode=process), and
   * after a rolling upgrade the lab found three shims of replaced static Pods still running once
   * kubeadm reset and the runtime were gone. Nothing but that containerd runs them.
   */
  static String killShims(String prefix) {
    return "pkill -KILL -f " + Shell.quote("^" + prefix) + " 2>/dev/null; ";
  }

  static String noShims(String prefix) {
    return "! pgrep -f " + Shell.quote("^" + prefix) + " >/dev/null";
  }

  /**
   * The CNI add-on's devices and the cluster's firewall chains, each command ending in "; ": a
   * node's cni0 keeps its old Pod subnet's address, and a node removed and joined again under
   * another podCIDR could start no Pod (the bridge plugin refuses a cni0 with another address).
   */
  public static String removeNetworkLeftovers() {
    StringBuilder s = new StringBuilder();
    for (String link : CNI_LINKS) {
      s.append("ip link delete ").append(link).append(" 2>/dev/null; ");
    }
    for (String family : List.of("iptables", "ip6tables")) {
      s.append("if command -v ")
          .append(family)
          .append("-save >/dev/null && ")
          .append(family)
          .append("-save | grep -qE ")
          .append(Shell.quote(CLUSTER_CHAINS))
          .append("; then ")
          .append(family)
          .append("-save | grep -vE ")
          .append(Shell.quote(CLUSTER_CHAINS))
          .append(" | ")
          .append(family)
          .append("-restore; fi; ");
    }
    // kube-proxy's nftables mode keeps its rules in tables of its own.
    s.append(
        "if command -v nft >/dev/null; then nft delete table ip kube-proxy 2>/dev/null;"
            + " nft delete table ip6 kube-proxy 2>/dev/null; fi; ");
    return s.toString();
  }

  public static Step kubernetes(Inventory inv) {
    List<String> files =
        new ArrayList<>(
            List.of(
                KubeadmPackages.SOURCES,
                KubeadmPackages.KEYRING,
                ContainerdUnit.PATH,
                "/usr/local/bin/containerd",
                "/usr/local/bin/containerd-shim-runc-v2",
                "/usr/local/bin/containerd-stress",
                "/usr/local/bin/ctr",
                "/usr/local/sbin/runc"));
    for (Download d :
        List.of(Artifacts.containerd(inv), Artifacts.runc(inv), Artifacts.cniPlugins(inv))) {
      files.add(d.path());
    }
    String packages = String.join(" ", KubeadmPackages.PACKAGES);
    String installed =
        "dpkg-query -W -f='${Status}\\n' "
            + packages
            + " 2>/dev/null | grep -q 'install ok installed'";
    String gone =
        "! { "
            + installed
            + "; } && test ! -e /usr/local/bin/containerd && test ! -e /etc/kubernetes && "
            + noShims(SHIMS);
    String run =
        "for u in kubelet containerd; do systemctl disable --now $u 2>/dev/null; done; "
            + killShims(SHIMS)
            + "if "
            + installed
            + "; then apt-mark unhold "
            + packages
            + " && "
            + Apt.GET
            + " purge "
            + packages
            + "; fi"
            + " && { "
            + removeNetworkLeftovers()
            + "true; }"
            + " && rm -f "
            + Shell.quoteAll(files)
            + " && rm -rf "
            + Shell.quoteAll(STATE)
            + " && systemctl daemon-reload";
    return new Step(
        "kubernetes-teardown",
        Phase.RESET_NODES,
        "Remove what node prep installed for Kubernetes",
        List.of(),
        List.of(),
        List.of(new Action("remove-kubernetes", gone, run, gone, true, Apt.TIMEOUT_SECONDS)));
  }

  /**
   * keepalived and nginx stopped and disabled: the VIP is released. Their configs stay for the next
   * `up`.
   */
  public static Step loadBalancer() {
    String stopped =
        "! systemctl is-active --quiet keepalived && ! systemctl is-active --quiet nginx"
            + " && ! systemctl is-enabled --quiet keepalived && ! systemctl is-enabled --quiet nginx";
    return new Step(
        "lb-stop",
        Phase.STOP_LOAD_BALANCERS,
        "Stop keepalived and nginx",
        List.of(),
        List.of(),
        List.of(Action.guarded("stop-lb", stopped, "systemctl disable --now keepalived nginx")));
  }
}
