package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.List;
import java.util.Optional;

/**
 * kubelet, kubeadm and kubectl from the pkgs.k8s.io repository of the chosen minor version, at the
 * inventory's exact version and held; on every node, workers included (kubeadm join runs there).
 */
public final class KubeadmPackages {
  public static final String KEYRING = "/etc/apt/keyrings/kubernetes-apt-keyring.gpg";
  public static final String SOURCES = "/etc/apt/sources.list.d/kubernetes.list";
  static final List<String> PACKAGES = List.of("kubelet", "kubeadm", "kubectl");

  private KubeadmPackages() {}

  /** The repository of one minor version: {@code <base>/core:/stable:/v1.32/deb/}. */
  public static String repositoryUrl(Inventory inv) {
    ArtifactsSpec a = inv.spec().artifacts();
    String base =
        a == null || a.aptRepository() == null ? ArtifactsSpec.UPSTREAM_APT : a.aptRepository();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return base + "/core:/stable:/v" + inv.spec().kubernetes().minorVersion() + "/deb/";
  }

  public static String sourcesList(Inventory inv) {
    return "deb [signed-by=" + KEYRING + "] " + repositoryUrl(inv) + " /\n";
  }

  /**
   * The signing key is fetched to a file first (in a pipe, a failed download would leave an empty
   * keyring) and installed only with the expected fingerprint ({@link AptSigningKey}); a keyring
   * already holding that key is kept.
   */
  public static Step repository(Inventory inv) {
    ArtifactsSpec a = inv.spec().artifacts();
    Optional<String> fingerprint = AptSigningKey.expected(a);
    String tmp = "/etc/apt/keyrings/kubernetes-apt-keyring.asc.kubeha";
    String check = AptSigningKey.installed(KEYRING, fingerprint);
    String run =
        AptSigningKey.install(a, repositoryUrl(inv) + "Release.key", tmp, KEYRING, fingerprint);
    return new Step(
        "kubernetes-apt-repo",
        Phase.PREPARE_NODES,
        "Add the Kubernetes apt repository",
        List.of(FileSpec.of(SOURCES, "0644", sourcesList(inv))),
        List.of(),
        List.of(
            Apt.install(
                "install-apt-prerequisites",
                Apt.haveCommands("curl", "gpg"),
                List.of("apt-transport-https", "ca-certificates", "curl", "gpg")),
            Action.guarded("fetch-signing-key", check, run)));
  }

  public static Step packages(Inventory inv) {
    KubernetesSpec k = inv.spec().kubernetes();
    // Installed means dpkg's "ok installed" ("hold ok installed" once held). A host that goes down
    // mid-unpack leaves a package half-installed at the new version, files such as kubelet.service
    // missing: a campaign's reboot of kube-master-1 in kubeadm-packages, after which
    // kubelet-enabled failed 10 times.
    String statusPattern =
        Shell.quote("^(install|hold) ok installed " + Shell.literalRegex(k.version()) + "-");
    String check =
        "dpkg-query -W -f='${Status} ${Version}\\n' kubelet kubeadm kubectl 2>/dev/null | grep -cE "
            + statusPattern
            + " | grep -qx 3 && apt-mark showhold | grep -cxE 'kubelet|kubeadm|kubectl' | grep -qx 3";
    List<String> pinned = PACKAGES.stream().map(p -> p + "=" + k.version() + "-*").toList();
    String run =
        Apt.UPDATE
            + " && "
            + Apt.GET
            // --reinstall: a half-installed package is reinstalled, not taken as the version asked.
            + " install --reinstall --allow-change-held-packages "
            + Shell.quoteAll(pinned)
            + " && apt-mark hold "
            + String.join(" ", PACKAGES);
    return new Step(
        "kubeadm-packages",
        Phase.PREPARE_NODES,
        "Install kubelet, kubeadm and kubectl",
        List.of(),
        List.of(),
        List.of(
            new Action("install-kubeadm-packages", check, run, check, true, Apt.TIMEOUT_SECONDS)));
  }

  public static Step kubeletEnabled() {
    return new Step(
        "kubelet-enabled",
        Phase.PREPARE_NODES,
        "Enable kubelet",
        List.of(),
        List.of(),
        List.of(
            Action.guarded(
                "enable-kubelet",
                "systemctl is-enabled --quiet kubelet",
                "systemctl enable kubelet")));
  }
}
