package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import java.util.List;

/**
 * The first master's kubeadm config (kubeadm.k8s.io/v1beta4): InitConfiguration with this host's
 * address and name and init's bootstrap token marked so the init activity can delete it (joins mint
 * their own, one per node, deleted once it joined), and ClusterConfiguration with
 * controlPlaneEndpoint = the VIP:port, so the cluster is HA.
 */
public final class KubeadmConfig {
  public static final String DIR = "/etc/kubernetes/kubeadm";
  public static final String PATH = DIR + "/kubeadm-config.yaml";
  public static final String API_VERSION = "kubeadm.k8s.io/v1beta4";
  public static final String CRI_SOCKET = "unix:///var/run/containerd/containerd.sock";
  static final int INIT_TIMEOUT_SECONDS = 1200;

  /** The description of the token kubeadm init makes: nothing uses it, so it is deleted. */
  public static final String INIT_TOKEN = "kubeha: made by kubeadm init, deleted once init is done";

  private KubeadmConfig() {}

  public static String content(Inventory inv) {
    HostSpec first = inv.firstControlPlane();
    KubernetesSpec k = inv.spec().kubernetes();
    return """
        apiVersion: %s
        kind: InitConfiguration
        bootstrapTokens:
          - description: "%s"
            ttl: 1h0m0s
        localAPIEndpoint:
          advertiseAddress: %s
          bindPort: %d
        nodeRegistration:
          name: %s
          criSocket: %s
          imagePullPolicy: IfNotPresent
        %s---
        apiVersion: %s
        kind: ClusterConfiguration
        clusterName: %s
        kubernetesVersion: v%s
        controlPlaneEndpoint: "%s"
        certificatesDir: /etc/kubernetes/pki
        imageRepository: %s
        etcd:
          local:
            dataDir: /var/lib/etcd
        networking:
          dnsDomain: %s
          podSubnet: %s
          serviceSubnet: %s
        %s"""
        .formatted(
            API_VERSION,
            INIT_TOKEN,
            first.address(),
            KubernetesSpec.API_SERVER_PORT,
            first.name(),
            CRI_SOCKET,
            ignoredChecks(k, "  "),
            API_VERSION,
            inv.clusterName(),
            k.version(),
            inv.controlPlaneEndpoint(),
            k.imageRepository(),
            k.dnsDomain(),
            k.podSubnet(),
            k.serviceSubnet(),
            kubeProxy(k));
  }

  /** A KubeProxyConfiguration document with what spec.kubernetes.kubeProxy sets; "" for none. */
  static String kubeProxy(KubernetesSpec k) {
    if (k.kubeProxy() == null || k.kubeProxy().conntrackMaxPerCore() == null) {
      return "";
    }
    return """
        ---
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        conntrack:
          maxPerCore: %d
        """
        .formatted(k.kubeProxy().conntrackMaxPerCore());
  }

  /**
   * nodeRegistration.ignorePreflightErrors, indented under nodeRegistration; empty when none are
   * ignored.
   */
  static String ignoredChecks(KubernetesSpec k, String indent) {
    List<String> checks = k.ignorePreflightErrors() == null ? List.of() : k.ignorePreflightErrors();
    if (checks.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(indent + "ignorePreflightErrors:\n");
    checks.forEach(c -> b.append(indent).append("  - ").append(c).append('\n'));
    return b.toString();
  }

  /**
   * kubeadm init once: skipped when admin.conf exists. The printed token and certificate key are
   * suppressed, so the host's log of this detached command holds no secret.
   */
  public static Step initStep(Inventory inv) {
    String done = "test -f /etc/kubernetes/admin.conf";
    String run =
        "kubeadm init --config "
            + PATH
            + " --upload-certs --skip-token-print --skip-certificate-key-print";
    return new Step(
        "kubeadm-init",
        Phase.INIT_FIRST_CONTROL_PLANE,
        "Initialise the first control plane",
        List.of(FileSpec.of(PATH, "0600", content(inv))),
        List.of(),
        List.of(new Action("kubeadm-init", done, run, done, true, INIT_TIMEOUT_SECONDS)));
  }
}
