package io.kubeha.starter;

import io.kubeha.plan.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Sources for a bundle of a small flannel cluster at 1.37.2, laid out as the lab serves them: a
 * release mirror and an apt repository in one directory (served by {@link FileServer}), and every
 * image the cluster runs pushed to a {@link LocalRegistry} (small images: one config, a layer
 * shared by all, one of its own; pause as an index of amd64 and arm64).
 */
final class BundleFixture {
  static final String VERSION = "1.37.2";
  static final String REPO = "apt/core:/stable:/v1.37/deb/";
  static final String CONTAINERD =
      "containerd/containerd/releases/download/v2.2.10/containerd-2.2.10-linux-amd64.tar.gz";
  static final String RUNC = "opencontainers/runc/releases/download/v1.3.4/runc.amd64";
  static final String CNI =
      "containernetworking/plugins/releases/download/v1.8.0/cni-plugins-linux-amd64-v1.8.0.tgz";
  static final String ETCD = "etcd-io/etcd/releases/download/v3.7.0/etcd-v3.7.0-linux-amd64.tar.gz";
  static final List<String> IMAGES =
      List.of(
          "registry.k8s.io/kube-apiserver:v1.37.2",
          "registry.k8s.io/kube-controller-manager:v1.37.2",
          "registry.k8s.io/kube-scheduler:v1.37.2",
          "registry.k8s.io/kube-proxy:v1.37.2",
          "registry.k8s.io/coredns/coredns:v1.14.6",
          "registry.k8s.io/etcd:3.7.0-0",
          "ghcr.io/flannel-io/flannel:v0.28.10",
          "ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3",
          "registry.k8s.io/e2e-test-images/agnhost:2.66.1");
  static final String PAUSE = "registry.k8s.io/pause:3.10.2";

  private final Random random = new Random(31);
  final Path www;
  final Map<String, String> sha256 = new LinkedHashMap<>();

  BundleFixture(Path www) {
    this.www = www;
  }

  /** The release files, with their SHA-256 by file name for the inventory. */
  void mirror() throws IOException {
    for (String path : List.of(CONTAINERD, RUNC, CNI, ETCD)) {
      byte[] content = bytes(20_000);
      write(path, content);
      String name =
          path.equals(RUNC) ? "runc-1.3.4.amd64" : path.substring(path.lastIndexOf('/') + 1);
      sha256.put(name, Sha256.hex(content));
    }
  }

  /** Packages as pkgs.k8s.io has them: two kubelets, two cri-tools, dependencies on both sides. */
  void apt() throws IOException {
    StringBuilder packages = new StringBuilder();
    packages.append(deb("kubelet", "1.37.1-1.1", "kubernetes-cni (>= 1.2.0)"));
    packages.append(
        deb("kubelet", "1.37.2-1.1", "iptables (>= 1.4.21), kubernetes-cni (>= 1.2.0)"));
    packages.append(deb("kubeadm", "1.37.2-1.1", "cri-tools (>= 1.30.0)"));
    packages.append(deb("kubectl", "1.37.2-1.1", null));
    packages.append(deb("cri-tools", "1.30.0-1.1", null));
    packages.append(deb("cri-tools", "1.37.0-1.1", null));
    packages.append(deb("kubernetes-cni", "1.8.0-1.1", null));
    byte[] plain = packages.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    write(REPO + "Packages", plain);
    write(REPO + "Packages.gz", gz.toByteArray());
    String release =
        "Origin: kubeha test\nLabel: kubeha test\nArchitectures: amd64\nSHA256:\n"
            + " "
            + Sha256.hex(plain)
            + " "
            + plain.length
            + " Packages\n"
            + " "
            + Sha256.hex(gz.toByteArray())
            + " "
            + gz.size()
            + " Packages.gz\n";
    write(REPO + "Release", release.getBytes(StandardCharsets.UTF_8));
    String signed =
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
            + release
            + "-----BEGIN PGP SIGNATURE-----\n\niHUEARYKAB0WIQ==\n-----END PGP SIGNATURE-----\n";
    write(REPO + "InRelease", signed.getBytes(StandardCharsets.UTF_8));
    write(REPO + "Release.gpg", "-----BEGIN PGP SIGNATURE-----\n".getBytes(StandardCharsets.UTF_8));
    write(
        REPO + "Release.key",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n".getBytes(StandardCharsets.UTF_8));
  }

  static String debPath(String name, String version) {
    return REPO + "amd64/" + name + "_" + version + "_amd64.deb";
  }

  private String deb(String name, String version, String depends) throws IOException {
    byte[] content = bytes(10_000);
    write(debPath(name, version), content);
    return "Package: "
        + name
        + "\nVersion: "
        + version
        + "\nArchitecture: amd64\n"
        + (depends == null ? "" : "Depends: " + depends + "\n")
        + "Filename: amd64/"
        + name
        + "_"
        + version
        + "_amd64.deb\nSize: "
        + content.length
        + "\nSHA256: "
        + Sha256.hex(content)
        + "\nDescription: "
        + name
        + "\n\n";
  }

  /** Pushes every image; returns how many distinct blobs the registry got. */
  List<String> push(LocalRegistry registry) throws Exception {
    List<String> digests = new ArrayList<>();
    byte[] shared = bytes(30_000);
    for (String image : IMAGES) {
      String[] repoTag = repository(image);
      digests.add(image(registry, repoTag[0], repoTag[1], shared, "amd64"));
    }
    String[] pause = repository(PAUSE);
    String amd64 = image(registry, pause[0], "amd64", shared, "amd64");
    String arm64 = image(registry, pause[0], "arm64", shared, "arm64");
    String index =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux"}}]}
        """
            .formatted(amd64, sizes.get(amd64), arm64, sizes.get(arm64));
    digests.add(
        registry.manifest(
            pause[0],
            pause[1],
            "application/vnd.oci.image.index.v1+json",
            index.getBytes(StandardCharsets.UTF_8)));
    return digests;
  }

  private final Map<String, Integer> sizes = new LinkedHashMap<>();

  private String image(LocalRegistry registry, String repo, String tag, byte[] shared, String arch)
      throws Exception {
    byte[] config =
        ("{\"architecture\":\""
                + arch
                + "\",\"os\":\"linux\",\"config\":{\"Labels\":{\"repo\":\""
                + repo
                + ":"
                + tag
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] own = bytes(5_000);
    String c = registry.blob(repo, config);
    String l1 = registry.blob(repo, shared);
    String l2 = registry.blob(repo, own);
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
        "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},
        "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d},
        {"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}
        """
            .formatted(c, config.length, l1, shared.length, l2, own.length);
    byte[] m = manifest.getBytes(StandardCharsets.UTF_8);
    String digest = registry.manifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", m);
    sizes.put(digest, m.length);
    return digest;
  }

  /** "registry.k8s.io/coredns/coredns:v1.14.6" → {"coredns/coredns", "v1.14.6"}. */
  static String[] repository(String image) {
    String path = image.substring(image.indexOf('/') + 1);
    int colon = path.lastIndexOf(':');
    return new String[] {path.substring(0, colon), path.substring(colon + 1)};
  }

  /** A 1-master, 1-worker flannel cluster whose release files are the mirror's. */
  Path inventory(Path dir, String name, Map<String, String> checksums) throws IOException {
    StringBuilder sums = new StringBuilder();
    checksums.forEach(
        (k, v) -> sums.append("      ").append(k).append(": ").append(v).append('\n'));
    String yaml =
        """
        apiVersion: kubeha/v1alpha1
        kind: Cluster
        metadata: {name: %s}
        spec:
          ssh: {user: root, port: 22, keyPath: /nonexistent/id_ed25519, knownHosts: /nonexistent/known_hosts}
          hosts:
            - {name: m1, address: 198.18.7.11, roles: [control-plane, ntp-server]}
            - {name: w1, address: 198.18.7.21, roles: [worker]}
          ntp: {upstream: [198.18.0.1], allow: [198.18.7.0/24]}
          kubernetes: {version: %s, cni: flannel}
          containerRuntime: {containerd: 2.2.10, runc: 1.3.4, cniPlugins: 1.8.0}
          artifacts:
            checksums:
        %s"""
            .formatted(name, VERSION, sums);
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

  private void write(String path, byte[] content) throws IOException {
    Path file = www.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
