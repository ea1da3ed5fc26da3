package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.ClusterSpec;
import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.inventory.Metadata;
import io.kubeha.inventory.NetworkSpec;
import io.kubeha.inventory.NtpSpec;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.inventory.SshSpec;
import java.util.List;
import java.util.Map;

/** Inventories with every default filled in, as the loader hands them to the renderer. */
public final class TestInventories {
  private TestInventories() {}

  /** SPEC.md's reference topology (the runbook's table). */
  static Inventory runbook() {
    NetworkSpec net =
        new NetworkSpec("enp1s0", 24, "192.168.2.1", List.of("192.168.2.1", "223.5.5.5"));
    List<HostSpec> hosts =
        List.of(
            host("kube-master-1", "192.168.2.11", "control-plane", net),
            host("kube-master-2", "192.168.2.12", "control-plane", net),
            host("kube-master-3", "192.168.2.13", "control-plane", net),
            host("kube-worker-1", "192.168.2.21", "worker", net),
            host("kube-worker-2", "192.168.2.22", "worker", net),
            host("kube-worker-3", "192.168.2.23", "worker", net),
            new HostSpec(
                "HA-LB-A", "192.168.2.10", List.of("load-balancer", "ntp-server"), null, net),
            host("HA-LB-B", "192.168.2.20", "load-balancer", net));
    return inventory(
        "prod-a",
        hosts,
        new ControlPlaneEndpointSpec("192.168.2.100", 16443, "enp1s0", 51),
        new NtpSpec(List.of("cn.ntp.org.cn", "ntp.aliyun.com"), List.of("192.168.2.0/24")),
        new ArtifactsSpec(
            null,
            ArtifactsSpec.UPSTREAM_APT,
            ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT,
            false,
            Map.of()),
        options(false, false));
  }

  /** The lab's apt key, as lab/lib/inventory.sh reads it from the key it serves: a test key's. */
  static final String LAB_KEY = "E1E56BF17BEDAB23831C2698CEDB7EF1B91D461C";

  /** The lab: hosts on 198.18.0.0/24, the mirror and apt repository on the bridge. */
  public static Inventory lab() {
    NetworkSpec net = new NetworkSpec("eth0", 24, null, List.of());
    List<HostSpec> hosts =
        List.of(
            host("kube-master-1", "198.18.0.11", "control-plane", net),
            host("kube-master-2", "198.18.0.12", "control-plane", net),
            host("kube-master-3", "198.18.0.13", "control-plane", net),
            host("kube-worker-1", "198.18.0.21", "worker", net),
            host("kube-worker-2", "198.18.0.22", "worker", net),
            host("kube-worker-3", "198.18.0.23", "worker", net),
            new HostSpec(
                "ha-lb-a", "198.18.0.31", List.of("load-balancer", "ntp-server"), null, net),
            host("ha-lb-b", "198.18.0.32", "load-balancer", net));
    Map<String, String> mirrorSums =
        Map.of(
            "containerd-2.2.1-linux-amd64.tar.gz", Sha256.hex("lab containerd"),
            "runc.amd64", Sha256.hex("lab runc"),
            "cni-plugins-linux-amd64-v1.8.0.tgz", Sha256.hex("lab cni-plugins"),
            "calico-3.30.6.tar.gz", Sha256.hex("lab calico"));
    return inventory(
        "lab",
        hosts,
        new ControlPlaneEndpointSpec("198.18.0.250", 16443, "eth0", 51),
        new NtpSpec(List.of("198.18.0.1"), List.of("198.18.0.0/24")),
        new ArtifactsSpec(
            "http://198.18.0.1:8080", "http://198.18.0.1:8080/apt", LAB_KEY, true, mirrorSums),
        options(false, false));
  }

  /** inv with one part of its spec replaced. */
  static Inventory withSpec(Inventory inv, ClusterSpec spec) {
    return new Inventory(inv.apiVersion(), inv.kind(), inv.metadata(), spec);
  }

  static Inventory withOptions(Inventory inv, boolean aptUpgrade, boolean netplan) {
    ClusterSpec s = inv.spec();
    return withSpec(
        inv,
        new ClusterSpec(
            s.ssh(),
            s.hosts(),
            s.controlPlaneEndpoint(),
            s.ntp(),
            s.kubernetes(),
            s.containerRuntime(),
            s.artifacts(),
            options(aptUpgrade, netplan)));
  }

  static Inventory withKubernetes(Inventory inv, KubernetesSpec kubernetes) {
    ClusterSpec s = inv.spec();
    return withSpec(
        inv,
        new ClusterSpec(
            s.ssh(),
            s.hosts(),
            s.controlPlaneEndpoint(),
            s.ntp(),
            kubernetes,
            s.containerRuntime(),
            s.artifacts(),
            s.options()));
  }

  static Inventory withRuntime(Inventory inv, ContainerRuntimeSpec runtime) {
    ClusterSpec s = inv.spec();
    return withSpec(
        inv,
        new ClusterSpec(
            s.ssh(),
            s.hosts(),
            s.controlPlaneEndpoint(),
            s.ntp(),
            s.kubernetes(),
            runtime,
            s.artifacts(),
            s.options()));
  }

  static Inventory withArtifacts(Inventory inv, ArtifactsSpec artifacts) {
    ClusterSpec s = inv.spec();
    return withSpec(
        inv,
        new ClusterSpec(
            s.ssh(),
            s.hosts(),
            s.controlPlaneEndpoint(),
            s.ntp(),
            s.kubernetes(),
            s.containerRuntime(),
            artifacts,
            s.options()));
  }

  static Inventory withHosts(Inventory inv, List<HostSpec> hosts) {
    ClusterSpec s = inv.spec();
    return withSpec(
        inv,
        new ClusterSpec(
            s.ssh(),
            hosts,
            s.controlPlaneEndpoint(),
            s.ntp(),
            s.kubernetes(),
            s.containerRuntime(),
            s.artifacts(),
            s.options()));
  }

  private static HostSpec host(String name, String address, String role, NetworkSpec net) {
    return new HostSpec(name, address, List.of(role), null, net);
  }

  private static OptionsSpec options(boolean aptUpgrade, boolean netplan) {
    return new OptionsSpec(
        aptUpgrade,
        netplan,
        OptionsSpec.DEFAULT_WORKER_CONCURRENCY,
        OptionsSpec.DEFAULT_ALLOWED_OS,
        false);
  }

  private static Inventory inventory(
      String name,
      List<HostSpec> hosts,
      ControlPlaneEndpointSpec endpoint,
      NtpSpec ntp,
      ArtifactsSpec artifacts,
      OptionsSpec options) {
    ClusterSpec spec =
        new ClusterSpec(
            new SshSpec(
                SshSpec.DEFAULT_USER,
                SshSpec.DEFAULT_PORT,
                SshSpec.DEFAULT_KEY_PATH,
                SshSpec.DEFAULT_KNOWN_HOSTS),
            hosts,
            endpoint,
            ntp,
            new KubernetesSpec(
                KubernetesSpec.DEFAULT_VERSION,
                KubernetesSpec.DEFAULT_POD_SUBNET,
                KubernetesSpec.DEFAULT_SERVICE_SUBNET,
                KubernetesSpec.DEFAULT_DNS_DOMAIN,
                KubernetesSpec.DEFAULT_IMAGE_REPOSITORY,
                KubernetesSpec.DEFAULT_CNI,
                KubernetesSpec.DEFAULT_CALICO_VERSION,
                List.of(),
                null),
            new ContainerRuntimeSpec(
                ContainerRuntimeSpec.DEFAULT_CONTAINERD,
                ContainerRuntimeSpec.DEFAULT_RUNC,
                ContainerRuntimeSpec.DEFAULT_CNI_PLUGINS,
                ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE),
            artifacts,
            options);
    return new Inventory(Inventory.API_VERSION, Inventory.KIND, new Metadata(name), spec);
  }
}
