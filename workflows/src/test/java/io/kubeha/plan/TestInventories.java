package io.kubeha.plan;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.ClusterSpec;
import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.inventory.NetworkSpec;
import io.kubeha.inventory.NtpSpec;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.inventory.TestInventoryBuilder;
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
    return TestInventoryBuilder.named("prod-a")
        .hosts(hosts)
        .endpoint(new ControlPlaneEndpointSpec("192.168.2.100", 16443, "enp1s0", 51))
        .ntp(new NtpSpec(List.of("cn.ntp.org.cn", "ntp.aliyun.com"), List.of("192.168.2.0/24")))
        .artifacts(
            new ArtifactsSpec(
                null,
                ArtifactsSpec.UPSTREAM_APT,
                ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT,
                false,
                Map.of()))
        .build();
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
    return TestInventoryBuilder.named("lab")
        .hosts(hosts)
        .endpoint(new ControlPlaneEndpointSpec("198.18.0.250", 16443, "eth0", 51))
        .ntp(new NtpSpec(List.of("198.18.0.1"), List.of("198.18.0.0/24")))
        .artifacts(
            new ArtifactsSpec(
                "http://198.18.0.1:8080", "http://198.18.0.1:8080/apt", LAB_KEY, true, mirrorSums))
        .build();
  }

  /** inv with one part of its spec replaced. */
  static Inventory withSpec(Inventory inv, ClusterSpec spec) {
    return new Inventory(inv.apiVersion(), inv.kind(), inv.metadata(), spec);
  }

  static Inventory withOptions(Inventory inv, boolean aptUpgrade, boolean netplan) {
    return TestInventoryBuilder.from(inv).options(options(aptUpgrade, netplan)).build();
  }

  static Inventory withKubernetes(Inventory inv, KubernetesSpec kubernetes) {
    return TestInventoryBuilder.from(inv).kubernetes(kubernetes).build();
  }

  static Inventory withRuntime(Inventory inv, ContainerRuntimeSpec runtime) {
    return TestInventoryBuilder.from(inv).runtime(runtime).build();
  }

  static Inventory withArtifacts(Inventory inv, ArtifactsSpec artifacts) {
    return TestInventoryBuilder.from(inv).artifacts(artifacts).build();
  }

  static Inventory withHosts(Inventory inv, List<HostSpec> hosts) {
    return TestInventoryBuilder.from(inv).hosts(hosts).build();
  }

  private static HostSpec host(String name, String address, String role, NetworkSpec net) {
    return TestInventoryBuilder.host(name, address, net, role);
  }

  private static OptionsSpec options(boolean aptUpgrade, boolean netplan) {
    return TestInventoryBuilder.options(
        aptUpgrade, netplan, OptionsSpec.DEFAULT_WORKER_CONCURRENCY);
  }
}
