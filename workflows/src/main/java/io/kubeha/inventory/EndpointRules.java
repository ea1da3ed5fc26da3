package io.kubeha.inventory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * spec.controlPlaneEndpoint: the VIP in the load balancers' subnet, a free port, interface and
 * router id.
 */
final class EndpointRules {
  private static final String PATH = "spec.controlPlaneEndpoint";

  /**
   * Ports kubeadm's components hold on every node (API server, etcd, kubelet, kube-proxy,
   * controllers).
   */
  private static final Set<Integer> NODE_PORTS =
      Set.of(6443, 2379, 2380, 10250, 10256, 10257, 10259);

  private static final int NODE_PORT_RANGE_MIN = 30000;
  private static final int NODE_PORT_RANGE_MAX = 32767;

  private EndpointRules() {}

  static void check(ClusterSpec spec, Problems p) {
    ControlPlaneEndpointSpec e = spec.controlPlaneEndpoint();
    List<HostSpec> lbs =
        spec.hosts() == null
            ? List.of()
            : TopologyRules.indexesWith(spec, Role.LOAD_BALANCER).stream()
                .map(spec.hosts()::get)
                .toList();
    boolean hostsGiven = spec.hosts() != null && !spec.hosts().isEmpty();
    if (hostsGiven && lbs.isEmpty() && e.vip() != null) {
      p.add(
          PATH + ".vip",
          "is set but no host has role load-balancer",
          "remove vip, or give two hosts the role load-balancer");
    }
    if (!lbs.isEmpty()
        && Checks.required(
            p,
            PATH + ".vip",
            e.vip(),
            "give the virtual IP keepalived holds, a free address in the load balancers' subnet")) {
      vip(e.vip(), spec.hosts(), lbs, p);
    }
    if (Checks.inRange(p, PATH + ".port", e.port(), 1, 65535, "use a free port, e.g. 16443")) {
      portClashes(e.port(), lbs, spec.ssh(), p);
    }
    Checks.matches(
        p,
        PATH + ".interface",
        e.networkInterface(),
        Syntax.INTERFACE,
        "a valid interface name",
        "use up to 15 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. enp1s0");
    Checks.inRange(
        p,
        PATH + ".virtualRouterId",
        e.virtualRouterId(),
        1,
        255,
        "use a VRRP router id unused on that network, e.g. 51");
  }

  private static void vip(String vip, List<HostSpec> hosts, List<HostSpec> lbs, Problems p) {
    var parsed = Ipv4.parse(vip);
    if (parsed.isEmpty()) {
      p.add(
          PATH + ".vip",
          Checks.quote(vip) + " is not an IPv4 address",
          "write a free address in the load balancers' subnet, e.g. 192.168.2.100");
      return;
    }
    long address = parsed.getAsLong();
    String unusable = Ipv4.unusableReason(address);
    if (unusable != null) {
      p.add(
          PATH + ".vip", vip + " " + unusable, "use a free address in the load balancers' subnet");
    }
    for (HostSpec h : hosts) {
      if (h != null && vip.equals(h.address())) {
        p.add(
            PATH + ".vip",
            vip + " is " + h.name() + "'s address",
            "use an address no host has; keepalived moves the VIP between the load balancers");
      }
    }
    Set<Cidr> subnets = new LinkedHashSet<>();
    for (HostSpec lb : lbs) {
      Ipv4.parse(lb.address())
          .ifPresent(a -> subnets.add(Cidr.of(a, InventoryDefaults.prefixLength(lb))));
    }
    for (Cidr subnet : subnets) {
      if (!subnet.contains(address)) {
        p.add(
            PATH + ".vip",
            vip + " is not in the load balancers' subnet " + subnet,
            "use a free address in "
                + subnet
                + " (set hosts[].network.prefixLength when the subnet is not a /24)");
      } else if (subnet.prefix() <= 30
          && (address == subnet.network() || address == subnet.broadcast())) {
        p.add(
            PATH + ".vip",
            vip + " is the network or broadcast address of " + subnet,
            "use a host address inside " + subnet);
      }
    }
  }

  /**
   * nginx on a load balancer that is also a node must not take a port kubeadm's components need,
   * nor sshd's.
   */
  private static void portClashes(int port, List<HostSpec> lbs, SshSpec ssh, Problems p) {
    for (HostSpec lb : lbs) {
      if (lb.isNode()
          && (NODE_PORTS.contains(port)
              || (port >= NODE_PORT_RANGE_MIN && port <= NODE_PORT_RANGE_MAX))) {
        p.add(
            PATH + ".port",
            port + " is taken on " + lb.name() + ", a load balancer that is also a Kubernetes node",
            "use a port Kubernetes does not use there, e.g. 16443");
        return;
      }
      SshSpec effective = lb.ssh() == null || ssh == null ? ssh : ssh.overriddenBy(lb.ssh());
      if (effective != null && effective.port() != null && effective.port() == port) {
        p.add(
            PATH + ".port",
            port + " is " + lb.name() + "'s SSH port",
            "use another port for the endpoint, e.g. 16443");
        return;
      }
    }
  }
}
