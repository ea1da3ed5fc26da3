package io.kubeha.workflow;

import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.inventory.NtpSpec;
import io.kubeha.inventory.SshSpec;
import io.kubeha.inventory.TestInventoryBuilder;
import java.util.ArrayList;
import java.util.List;

/** Inventories built in code, defaults filled, on lab addresses (no test connects to them). */
public final class TestInventories {
  private TestInventories() {}

  static final String CLUSTER = "lab-a";

  /** The runbook's shape: 3 masters, 3 workers, 2 load balancers (the first is the NTP server). */
  static Inventory ha(int workerConcurrency) {
    return inventory(
        List.of(
            host("kube-master-1", 11, "control-plane"),
            host("kube-master-2", 12, "control-plane"),
            host("kube-master-3", 13, "control-plane"),
            host("kube-worker-1", 21, "worker"),
            host("kube-worker-2", 22, "worker"),
            host("kube-worker-3", 23, "worker"),
            host("HA-LB-A", 31, "load-balancer", "ntp-server"),
            host("HA-LB-B", 32, "load-balancer")),
        workerConcurrency);
  }

  /**
   * The runbook's 3 masters and 2 load balancers plus workers up to hosts in all, every host at
   * once.
   */
  static Inventory scaled(int hosts) {
    return scaled(hosts, hosts);
  }

  /** The same, at most workerConcurrency hosts at once (addresses on 198.18.1.0 and up). */
  public static Inventory scaled(int hosts, int workerConcurrency) {
    List<HostSpec> all = new ArrayList<>(ha(1).spec().hosts());
    all.removeIf(h -> h.roles().contains("worker"));
    for (int i = 1; all.size() < hosts; i++) {
      String address = "198.18." + (1 + i / 250) + "." + (1 + i % 250);
      all.add(TestInventoryBuilder.host("kube-worker-" + i, address, null, "worker"));
    }
    // A /24 per node: the default 10.244.0.0/16 holds 256 of them.
    String pods = hosts > 250 ? "10.240.0.0/12" : KubernetesSpec.DEFAULT_POD_SUBNET;
    return inventory(
        all,
        workerConcurrency,
        new ControlPlaneEndpointSpec("198.18.0.250", 16443, "eth0", 51),
        pods);
  }

  /** No load balancers: the first master is the endpoint and the NTP server. */
  static Inventory noLoadBalancer() {
    return inventory(
        List.of(host("kube-master-1", 11, "control-plane"), host("kube-worker-1", 21, "worker")),
        10,
        new ControlPlaneEndpointSpec(null, 16443, "eth0", 51));
  }

  private static HostSpec host(String name, int lastOctet, String... roles) {
    return TestInventoryBuilder.host(name, "198.18.0." + lastOctet, null, roles);
  }

  private static Inventory inventory(List<HostSpec> hosts, int workerConcurrency) {
    return inventory(
        hosts, workerConcurrency, new ControlPlaneEndpointSpec("198.18.0.250", 16443, "eth0", 51));
  }

  private static Inventory inventory(
      List<HostSpec> hosts, int workerConcurrency, ControlPlaneEndpointSpec endpoint) {
    return inventory(hosts, workerConcurrency, endpoint, KubernetesSpec.DEFAULT_POD_SUBNET);
  }

  private static Inventory inventory(
      List<HostSpec> hosts,
      int workerConcurrency,
      ControlPlaneEndpointSpec endpoint,
      String podSubnet) {
    return TestInventoryBuilder.named(CLUSTER)
        .ssh(new SshSpec("root", 22, "/lab/keys/id_ed25519", "/lab/keys/known_hosts"))
        .hosts(hosts)
        .endpoint(endpoint)
        // Every host's network (the scaled inventories go past 198.18.0.0/24).
        .ntp(new NtpSpec(List.of("198.18.0.1"), List.of("198.18.0.0/15")))
        .kubernetes(TestInventoryBuilder.kubernetes(podSubnet))
        .options(TestInventoryBuilder.options(false, false, workerConcurrency))
        .build();
  }
}
