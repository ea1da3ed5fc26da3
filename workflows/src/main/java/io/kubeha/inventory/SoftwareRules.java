package io.kubeha.inventory;

import java.util.List;

/**
 * spec.kubernetes and spec.containerRuntime: versions that parse and that kubeha can render for.
 */
final class SoftwareRules {
  /** kubeha renders kubeadm's v1beta4 API, which kubeadm reads from 1.31 on. */
  private static final int MIN_KUBERNETES_MINOR = 31;

  /** kubeha renders containerd's version-3 config, which containerd reads from 2.0 on. */
  private static final int MIN_CONTAINERD_MAJOR = 2;

  private static final int MAX_CONNTRACK_PER_CORE = 1 << 24;
  private static final List<String> CNIS =
      List.of(KubernetesSpec.DEFAULT_CNI, KubernetesSpec.FLANNEL);

  /**
   * kubeadm's check names: FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml, Port-6443,
   * all.
   */
  private static final java.util.regex.Pattern PREFLIGHT_CHECK =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

  private SoftwareRules() {}

  static void check(ClusterSpec spec, Problems p) {
    KubernetesSpec k = spec.kubernetes();
    kubernetesVersion(k, p);
    names(k, p);
    cni(k, p);
    kubeProxy(k, p);
    ignoredPreflightChecks(k, p);
    runtime(spec.containerRuntime(), p);
  }

  /** A plain version of a minor kubeadm's v1beta4 config serves. */
  private static void kubernetesVersion(KubernetesSpec k, Problems p) {
    if (version(k.version(), "spec.kubernetes.version", KubernetesSpec.DEFAULT_VERSION, p)) {
      String[] parts = k.version().split("\\.");
      if (!parts[0].equals("1") || Integer.parseInt(parts[1]) < MIN_KUBERNETES_MINOR) {
        p.add(
            "spec.kubernetes.version",
            k.version()
                + " is older than 1."
                + MIN_KUBERNETES_MINOR
                + ", the first with kubeadm's v1beta4 config",
            "use 1."
                + MIN_KUBERNETES_MINOR
                + ".0 or later, e.g. "
                + KubernetesSpec.DEFAULT_VERSION);
      }
    }
  }

  private static void names(KubernetesSpec k, Problems p) {
    Checks.matches(
        p,
        "spec.kubernetes.dnsDomain",
        k.dnsDomain(),
        Syntax.NODE_NAME,
        "a valid DNS domain",
        "use lowercase DNS labels separated by dots, e.g. " + KubernetesSpec.DEFAULT_DNS_DOMAIN);
    Checks.matches(
        p,
        "spec.kubernetes.imageRepository",
        k.imageRepository(),
        Syntax.IMAGE_REPOSITORY,
        "a valid image repository",
        "write registry[:port][/path] without a tag, e.g. "
            + KubernetesSpec.DEFAULT_IMAGE_REPOSITORY);
  }

  /** An add-on kubeha installs; for flannel, a release whose manifest it renders. */
  private static void cni(KubernetesSpec k, Problems p) {
    if (!CNIS.contains(k.cni())) {
      p.add(
          "spec.kubernetes.cni",
          Checks.quote(k.cni()) + " is not a CNI add-on kubeha installs",
          "use " + String.join(" or ", CNIS));
    }
    if (version(
            k.cniVersion(),
            "spec.kubernetes.cniVersion",
            KubernetesSpec.defaultCniVersion(CNIS.contains(k.cni()) ? k.cni() : CNIS.get(0)),
            p)
        && KubernetesSpec.FLANNEL.equals(k.cni())
        && !KubernetesSpec.FLANNEL_VERSIONS.contains(k.cniVersion())) {
      // kubeha renders flannel's manifest itself, so only the releases it knows.
      p.add(
          "spec.kubernetes.cniVersion",
          "flannel " + k.cniVersion() + " is not a release whose manifest kubeha renders",
          "use " + String.join(" or ", KubernetesSpec.FLANNEL_VERSIONS) + ", or leave it out");
    }
  }

  private static void kubeProxy(KubernetesSpec k, Problems p) {
    Integer maxPerCore = k.kubeProxy() == null ? null : k.kubeProxy().conntrackMaxPerCore();
    if (maxPerCore != null && (maxPerCore < 0 || maxPerCore > MAX_CONNTRACK_PER_CORE)) {
      p.add(
          "spec.kubernetes.kubeProxy.conntrackMaxPerCore",
          maxPerCore + " is not a conntrack limit per core",
          "use 0 (leave the kernel's limit) up to "
              + MAX_CONNTRACK_PER_CORE
              + ", or leave it out for kube-proxy's default (32768)");
    }
  }

  private static void ignoredPreflightChecks(KubernetesSpec k, Problems p) {
    List<String> ignored =
        k.ignorePreflightErrors() == null ? List.of() : k.ignorePreflightErrors();
    for (int i = 0; i < ignored.size(); i++) {
      Checks.matches(
          p,
          "spec.kubernetes.ignorePreflightErrors[" + i + "]",
          ignored.get(i),
          PREFLIGHT_CHECK,
          "a kubeadm preflight check name",
          "write a name kubeadm prints in [ERROR Name], e.g. SystemVerification, or all");
    }
  }

  /** containerd 2 or later (its version-3 config), plain versions, a pinned pause image. */
  private static void runtime(ContainerRuntimeSpec r, Problems p) {
    if (version(
            r.containerd(),
            "spec.containerRuntime.containerd",
            ContainerRuntimeSpec.DEFAULT_CONTAINERD,
            p)
        && Integer.parseInt(r.containerd().split("\\.")[0]) < MIN_CONTAINERD_MAJOR) {
      p.add(
          "spec.containerRuntime.containerd",
          r.containerd() + " is older than 2.0, whose version-3 config kubeha writes",
          "use 2.0.0 or later, e.g. " + ContainerRuntimeSpec.DEFAULT_CONTAINERD);
    }
    version(r.runc(), "spec.containerRuntime.runc", ContainerRuntimeSpec.DEFAULT_RUNC, p);
    version(
        r.cniPlugins(),
        "spec.containerRuntime.cniPlugins",
        ContainerRuntimeSpec.DEFAULT_CNI_PLUGINS,
        p);
    Checks.matches(
        p,
        "spec.containerRuntime.pauseImage",
        r.pauseImage(),
        Syntax.IMAGE_REFERENCE,
        "a pinned image reference",
        "write registry/name:tag (or @sha256:digest), e.g. "
            + ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE);
  }

  /** True when the value is a plain X.Y.Z version. */
  private static boolean version(String value, String path, String example, Problems p) {
    if (value == null) {
      return false;
    }
    if (Syntax.matches(Syntax.VERSION, value)) {
      return true;
    }
    String fix =
        value.startsWith("v") && Syntax.matches(Syntax.VERSION, value.substring(1))
            ? "drop the leading v: " + value.substring(1)
            : "write major.minor.patch, e.g. " + example;
    p.add(path, Checks.quote(value) + " is not a version", fix);
    return false;
  }
}
