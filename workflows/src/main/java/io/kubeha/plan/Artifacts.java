package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import java.util.Locale;
import java.util.Map;

/**
 * The release files a bring-up downloads: where each comes from (upstream, or the mirror, which
 * replaces https://github.com and keeps the paths) and its SHA-256.
 *
 * <p>The SHA-256 comes from spec.artifacts.checksums under the file's name (e.g. runc-1.2.6.amd64)
 * or its upstream file name (runc.amd64), else from {@link ChecksumTable}; a file known to neither
 * is a {@link MissingChecksumException}.
 */
public final class Artifacts {
  public static final String CACHE_DIR = "/var/cache/kubeha";

  private Artifacts() {}

  public static Download containerd(Inventory inv) {
    String v = inv.spec().containerRuntime().containerd();
    String file = "containerd-" + v + "-linux-amd64.tar.gz";
    return download(inv, file, "/containerd/containerd/releases/download/v" + v + "/" + file);
  }

  public static Download runc(Inventory inv) {
    String v = inv.spec().containerRuntime().runc();
    return download(
        inv,
        "runc-" + v + ".amd64",
        "/opencontainers/runc/releases/download/v" + v + "/runc.amd64");
  }

  public static Download cniPlugins(Inventory inv) {
    String v = inv.spec().containerRuntime().cniPlugins();
    String file = "cni-plugins-linux-amd64-v" + v + ".tgz";
    return download(inv, file, "/containernetworking/plugins/releases/download/v" + v + "/" + file);
  }

  /** The Calico source archive; its manifests/calico.yaml is the add-on. */
  public static Download calico(Inventory inv) {
    String v = inv.spec().kubernetes().cniVersion();
    return download(
        inv, "calico-" + v + ".tar.gz", "/projectcalico/calico/archive/v" + v + ".tar.gz");
  }

  /**
   * The etcd release tarball, for its etcdctl and etcdutl (backups and restores; kubeadm runs etcd
   * itself).
   */
  public static Download etcd(Inventory inv, String version) {
    String file = "etcd-v" + version + "-linux-amd64.tar.gz";
    return download(inv, file, "/etcd-io/etcd/releases/download/v" + version + "/" + file);
  }

  /**
   * The download's path below the release base (github.com, or the mirror that replaces it), e.g.
   * /opencontainers/runc/releases/download/v1.3.4/runc.amd64: where any release mirror serves it.
   */
  public static String releasePath(Inventory inv, Download d) {
    return d.url().substring(releaseBase(inv).length());
  }

  private static Download download(Inventory inv, String name, String releasePath) {
    String url = releaseBase(inv) + releasePath;
    String upstreamName = releasePath.substring(releasePath.lastIndexOf('/') + 1);
    Map<String, String> supplied =
        inv.spec().artifacts() == null ? null : inv.spec().artifacts().checksums();
    String sha256 =
        supplied == null ? null : supplied.getOrDefault(name, supplied.get(upstreamName));
    if (sha256 == null) {
      sha256 =
          ChecksumTable.sha256(name).orElseThrow(() -> new MissingChecksumException(name, url));
    }
    return new Download(name, url, sha256.toLowerCase(Locale.ROOT), CACHE_DIR + "/" + name);
  }

  private static String releaseBase(Inventory inv) {
    ArtifactsSpec a = inv.spec().artifacts();
    String base = a == null || a.mirror() == null ? ArtifactsSpec.UPSTREAM_RELEASES : a.mirror();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
