package io.kubeha.inventory;

import java.util.List;

/**
 * spec.kubernetes: version, networks, the CNI add-on, kubeadm preflight checks to treat as warnings
 * (kubeadm's nodeRegistration.ignorePreflightErrors; empty by default), and kube-proxy settings
 * (none by default: kubeadm's defaults).
 */
public record KubernetesSpec(
    String version,
    String podSubnet,
    String serviceSubnet,
    String dnsDomain,
    String imageRepository,
    String cni,
    String cniVersion,
    List<String> ignorePreflightErrors,
    KubeProxySpec kubeProxy) {

  public static final int API_SERVER_PORT = 6443;
  public static final String DEFAULT_VERSION = "1.37.2";
  public static final String DEFAULT_POD_SUBNET = "10.244.0.0/16";
  public static final String DEFAULT_SERVICE_SUBNET = "10.96.0.0/12";
  public static final String DEFAULT_DNS_DOMAIN = "cluster.local";
  public static final String DEFAULT_IMAGE_REPOSITORY = "registry.k8s.io";
  public static final String DEFAULT_CNI = "calico";
  public static final String DEFAULT_CALICO_VERSION = "3.30.6";
  public static final String FLANNEL = "flannel";
  public static final String DEFAULT_FLANNEL_VERSION = "0.28.10";

  /** The flannel releases whose manifest kubeha renders (io.kubeha.plan.FlannelManifest). */
  public static final List<String> FLANNEL_VERSIONS = List.of(DEFAULT_FLANNEL_VERSION);

  /** The release of the CNI add-on kubeha installs when cniVersion is not given. */
  public static String defaultCniVersion(String cni) {
    return switch (cni == null ? "" : cni) {
      case DEFAULT_CNI -> DEFAULT_CALICO_VERSION;
      case FLANNEL -> DEFAULT_FLANNEL_VERSION;
      default -> null;
    };
  }

  /** "1.32" for "1.32.0": the pkgs.k8s.io repository is per minor version. */
  public String minorVersion() {
    String[] parts = version.split("\\.");
    return parts[0] + "." + parts[1];
  }
}
