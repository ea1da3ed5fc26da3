package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reset takes away after `kubeadm reset`: everything node prep installed for Kubernetes (the
 * packages and their repository, containerd, runc, the CNI plugins, their downloads and the state
 * kubeadm leaves), and on the LBs keepalived and nginx stopped. The OS prep stays: hostname,
 * /etc/hosts block, kernel modules, sysctls, swap off, chrony. `up` afterwards installs it all
 * again.
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
          ContainerRuntime.CNI_BIN);

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
            + "; } && test ! -e /usr/local/bin/containerd && test ! -e /etc/kubernetes";
    String run =
        "for u in kubelet containerd; do systemctl disable --now $u 2>/dev/null; done; "
            + "if "
            + installed
            + "; then apt-mark unhold "
            + packages
            + " && "
            + Apt.GET
            + " purge "
            + packages
            + "; fi"
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
