package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * etcdctl and etcdutl on a control plane, from the etcd release its stacked etcd runs: kubeadm runs
 * etcd as a static Pod and installs neither, and a snapshot's save, status and restore need them on
 * the host.
 */
public final class EtcdTools {
  public static final String ETCDCTL = "/usr/local/bin/etcdctl";
  public static final String ETCDUTL = "/usr/local/bin/etcdutl";

  private EtcdTools() {}

  public static Step install(Inventory inv, String etcdVersion) {
    Download tarball = Artifacts.etcd(inv, etcdVersion);
    String dir = "etcd-v" + etcdVersion + "-linux-amd64";
    String installed =
        ETCDCTL
            + " version 2>/dev/null | grep -qF "
            + Shell.quote("etcdctl version: " + etcdVersion)
            + " && "
            + ETCDUTL
            + " version 2>/dev/null | grep -qF "
            + Shell.quote("etcdutl version: " + etcdVersion);
    String extract =
        "tar -C /usr/local/bin -xzf "
            + Shell.quote(tarball.path())
            + " --strip-components=1 --no-same-owner "
            + Shell.quote(dir + "/etcdctl")
            + " "
            + Shell.quote(dir + "/etcdutl");
    return new Step(
        "etcd-tools",
        Phase.INSTALL_ETCD_TOOLS,
        "Install etcdctl and etcdutl " + etcdVersion,
        List.of(),
        List.of(tarball),
        List.of(Action.guarded("extract-etcd-tools", installed, extract)));
  }
}
