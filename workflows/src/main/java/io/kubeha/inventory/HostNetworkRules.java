package io.kubeha.inventory;

/** spec.hosts[i].network: interface, prefix length, gateway and nameservers; what netplan needs. */
final class HostNetworkRules {
  private HostNetworkRules() {}

  static void check(ClusterSpec spec, Problems p) {
    if (spec.hosts() == null) {
      return;
    }
    boolean netplan = spec.options() != null && Boolean.TRUE.equals(spec.options().netplan());
    for (int i = 0; i < spec.hosts().size(); i++) {
      HostSpec h = spec.hosts().get(i);
      if (h == null) {
        continue;
      }
      String path = "spec.hosts[" + i + "].network";
      NetworkSpec n = h.network() != null ? h.network() : new NetworkSpec(null, null, null, null);
      if (netplan) {
        Checks.required(
            p,
            path + ".interfaceName",
            n.interfaceName(),
            "options.netplan is on: name the interface netplan configures, e.g. enp1s0");
        Checks.required(
            p,
            path + ".prefixLength",
            n.prefixLength(),
            "options.netplan is on: give the prefix length of the address, e.g. 24");
      }
      Checks.matches(
          p,
          path + ".interfaceName",
          n.interfaceName(),
          Syntax.INTERFACE,
          "a valid interface name",
          "use up to 15 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. enp1s0");
      Checks.inRange(
          p,
          path + ".prefixLength",
          n.prefixLength(),
          1,
          32,
          "give the prefix length of the address, e.g. 24");
      subnetChecks(h, "spec.hosts[" + i + "]", p);
    }
  }

  private static void subnetChecks(HostSpec h, String hostPath, Problems p) {
    String path = hostPath + ".network";
    var address = Ipv4.parse(h.address());
    if (address.isEmpty()) {
      return;
    }
    NetworkSpec n = h.network();
    Cidr subnet = Cidr.of(address.getAsLong(), InventoryDefaults.prefixLength(h));
    if (n != null
        && n.prefixLength() != null
        && subnet.prefix() <= 30
        && (address.getAsLong() == subnet.network() || address.getAsLong() == subnet.broadcast())) {
      p.add(
          hostPath + ".address",
          h.address() + " is the network or broadcast address of " + subnet,
          "use a host address inside " + subnet);
    }
    if (n == null) {
      return;
    }
    if (n.gateway() != null) {
      var gateway = Ipv4.parse(n.gateway());
      if (gateway.isEmpty()) {
        p.add(
            path + ".gateway",
            Checks.quote(n.gateway()) + " is not an IPv4 address",
            "write the gateway's address, e.g. 192.168.2.1");
      } else if (!subnet.contains(gateway.getAsLong())
          || gateway.getAsLong() == address.getAsLong()) {
        p.add(
            path + ".gateway",
            n.gateway() + " is not another address in " + subnet,
            "use the router's address on the host's network");
      }
    }
    if (n.nameservers() != null) {
      for (int j = 0; j < n.nameservers().size(); j++) {
        String ns = n.nameservers().get(j);
        if (ns != null && !Ipv4.isValid(ns)) {
          p.add(
              path + ".nameservers[" + j + "]",
              Checks.quote(ns) + " is not an IPv4 address",
              "write a DNS server's address, e.g. 223.5.5.5");
        }
      }
    }
  }
}
