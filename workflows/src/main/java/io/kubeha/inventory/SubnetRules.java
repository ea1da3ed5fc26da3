package io.kubeha.inventory;

import java.util.List;
import java.util.Optional;

/**
 * spec.kubernetes pod and service subnets: valid, big enough, and clear of each other and of the
 * hosts.
 */
final class SubnetRules {
  /** kube-controller-manager gives each node a /24 of the pod subnet. */
  private static final int NODE_CIDR_PREFIX = 24;

  /** kube-apiserver rejects an IPv4 service range larger than /12. */
  private static final int MAX_SERVICE_RANGE_PREFIX = 12;

  /** The service range must hold the API service (.1) and cluster DNS (.10). */
  private static final int MIN_SERVICE_RANGE_PREFIX = 28;

  private SubnetRules() {}

  static void check(ClusterSpec spec, Problems p) {
    KubernetesSpec k = spec.kubernetes();
    Optional<Cidr> pods =
        cidr(k.podSubnet(), "spec.kubernetes.podSubnet", KubernetesSpec.DEFAULT_POD_SUBNET, p);
    Optional<Cidr> services =
        cidr(
            k.serviceSubnet(),
            "spec.kubernetes.serviceSubnet",
            KubernetesSpec.DEFAULT_SERVICE_SUBNET,
            p);
    pods.ifPresent(c -> podSize(c, spec, p));
    services.ifPresent(c -> serviceSize(c, p));
    if (pods.isPresent() && services.isPresent() && pods.get().overlaps(services.get())) {
      p.add(
          "spec.kubernetes.serviceSubnet",
          services.get() + " overlaps the pod subnet " + pods.get(),
          "use ranges that do not overlap, e.g. pods 10.244.0.0/16 and services 10.96.0.0/12");
    }
    pods.ifPresent(c -> clearOfHosts(c, "spec.kubernetes.podSubnet", spec, p));
    services.ifPresent(c -> clearOfHosts(c, "spec.kubernetes.serviceSubnet", spec, p));
  }

  static Optional<Cidr> cidr(String value, String path, String example, Problems p) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<Cidr> parsed = Cidr.parse(value);
    if (parsed.isEmpty()) {
      p.add(
          path,
          Checks.quote(value) + " is not an IPv4 CIDR",
          "write address/prefix, e.g. " + example);
    } else if (!parsed.get().aligned()) {
      p.add(path, value + " has host bits set", "write the network address: " + parsed.get());
      return Optional.empty();
    }
    return parsed;
  }

  private static void podSize(Cidr pods, ClusterSpec spec, Problems p) {
    long nodes =
        spec.hosts() == null
            ? 0
            : spec.hosts().stream().filter(h -> h != null && h.isNode()).count();
    long perNode = pods.prefix() > NODE_CIDR_PREFIX ? 0 : 1L << (NODE_CIDR_PREFIX - pods.prefix());
    if (perNode < Math.max(1, nodes)) {
      p.add(
          "spec.kubernetes.podSubnet",
          pods + " holds " + perNode + " node ranges (/24 each) for " + nodes + " nodes",
          "use a larger range, e.g. " + Cidr.of(pods.address(), prefixFor(nodes)));
    }
  }

  /** The longest prefix whose /24 node ranges number at least {@code nodes}. */
  static int prefixFor(long nodes) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, nodes) - 1);
    return Math.max(0, NODE_CIDR_PREFIX - bits);
  }

  private static void serviceSize(Cidr services, Problems p) {
    if (services.prefix() < MAX_SERVICE_RANGE_PREFIX
        || services.prefix() > MIN_SERVICE_RANGE_PREFIX) {
      p.add(
          "spec.kubernetes.serviceSubnet",
          services
              + " has a prefix outside /"
              + MAX_SERVICE_RANGE_PREFIX
              + "-/"
              + MIN_SERVICE_RANGE_PREFIX,
          "use a range kube-apiserver accepts, e.g. " + KubernetesSpec.DEFAULT_SERVICE_SUBNET);
    }
  }

  /**
   * Neither a host's address, its declared network, nor the VIP may fall in a cluster-internal
   * range.
   */
  private static void clearOfHosts(Cidr range, String path, ClusterSpec spec, Problems p) {
    List<HostSpec> hosts = spec.hosts() == null ? List.of() : spec.hosts();
    for (HostSpec h : hosts) {
      var address = h == null ? null : Ipv4.parse(h.address());
      if (address == null || address.isEmpty()) {
        continue;
      }
      Cidr hostNet = Cidr.of(address.getAsLong(), InventoryDefaults.prefixLength(h));
      boolean declared = h.network() != null && h.network().prefixLength() != null;
      if (range.contains(address.getAsLong()) || (declared && range.overlaps(hostNet))) {
        p.add(
            path,
            range + " overlaps " + h.name() + "'s network (" + h.address() + ")",
            "choose a range clear of the hosts' networks, e.g. " + clearExample(path));
        return;
      }
    }
    var vip = Ipv4.parse(spec.controlPlaneEndpoint().vip());
    if (vip.isPresent() && range.contains(vip.getAsLong())) {
      p.add(
          path,
          range + " contains the VIP " + spec.controlPlaneEndpoint().vip(),
          "choose a range clear of the hosts' network");
    }
  }

  private static String clearExample(String path) {
    return path.endsWith("podSubnet")
        ? KubernetesSpec.DEFAULT_POD_SUBNET
        : KubernetesSpec.DEFAULT_SERVICE_SUBNET;
  }
}
