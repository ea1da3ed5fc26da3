package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.inventory.Role;
import java.util.List;

/**
 * A joining host's JoinConfiguration (v1beta4) with placeholders for the secrets. The join activity
 * mints a token (and, for a control plane, a certificate key) on the first master, writes the
 * template with the placeholders replaced to {@link #CONFIG_PATH} on the joining host, and runs the
 * step's action, which joins and deletes that file.
 */
public final class JoinConfigTemplate {
  public static final String TEMPLATE_PATH = KubeadmConfig.DIR + "/join-config.tmpl";
  public static final String CONFIG_PATH = KubeadmConfig.DIR + "/join-config.yaml";
  public static final String TOKEN = "@TOKEN@";
  public static final String CA_CERT_HASH = "@CA_CERT_HASH@";
  public static final String CERTIFICATE_KEY = "@CERTIFICATE_KEY@";
  static final int JOIN_TIMEOUT_SECONDS = 900;

  private JoinConfigTemplate() {}

  public static String content(Inventory inv, HostSpec host) {
    StringBuilder b =
        new StringBuilder(
            """
        apiVersion: %s
        kind: JoinConfiguration
        discovery:
          bootstrapToken:
            apiServerEndpoint: "%s"
            token: "%s"
            caCertHashes:
              - "%s"
        nodeRegistration:
          name: %s
          criSocket: %s
        %s"""
                .formatted(
                    KubeadmConfig.API_VERSION,
                    inv.controlPlaneEndpoint(),
                    TOKEN,
                    CA_CERT_HASH,
                    host.name(),
                    KubeadmConfig.CRI_SOCKET,
                    KubeadmConfig.ignoredChecks(inv.spec().kubernetes(), "  ")));
    if (host.has(Role.CONTROL_PLANE)) {
      b.append(
          """
          controlPlane:
            localAPIEndpoint:
              advertiseAddress: %s
              bindPort: %d
            certificateKey: "%s"
          """
              .formatted(host.address(), KubernetesSpec.API_SERVER_PORT, CERTIFICATE_KEY));
    }
    return b.toString();
  }

  /**
   * Skipped once kubelet.conf exists; the filled config is removed whether the join worked or not.
   */
  public static Step step(Inventory inv, HostSpec host) {
    Phase phase = host.has(Role.CONTROL_PLANE) ? Phase.JOIN_CONTROL_PLANES : Phase.JOIN_WORKERS;
    String done = "test -f /etc/kubernetes/kubelet.conf";
    String run =
        "kubeadm join --config "
            + CONFIG_PATH
            + "; rc=$?; rm -f "
            + CONFIG_PATH
            + "; test $rc -eq 0";
    String title = host.has(Role.CONTROL_PLANE) ? "Join as a control plane" : "Join as a worker";
    return new Step(
        "kubeadm-join",
        phase,
        title,
        List.of(FileSpec.of(TEMPLATE_PATH, "0600", content(inv, host))),
        List.of(),
        List.of(new Action("kubeadm-join", done, run, done, true, JOIN_TIMEOUT_SECONDS)));
  }
}
