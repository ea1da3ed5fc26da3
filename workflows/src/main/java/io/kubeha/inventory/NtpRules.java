package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * spec.ntp: upstream servers that are names or addresses; allowed networks that cover every client.
 */
final class NtpRules {
  private NtpRules() {}

  static void check(ClusterSpec spec, Problems p) {
    NtpSpec ntp = spec.ntp();
    for (int i = 0; i < ntp.upstream().size(); i++) {
      String server = ntp.upstream().get(i);
      if (server != null && !Syntax.hostOrAddress(server)) {
        p.add(
            "spec.ntp.upstream[" + i + "]",
            Checks.quote(server) + " is not a hostname or IPv4 address",
            "e.g. ntp.aliyun.com");
      }
    }
    List<Cidr> allowed = new ArrayList<>();
    for (int i = 0; i < ntp.allow().size(); i++) {
      String entry = ntp.allow().get(i);
      SubnetRules.cidr(entry, "spec.ntp.allow[" + i + "]", "192.168.2.0/24", p)
          .ifPresent(allowed::add);
    }
    if (allowed.size() == ntp.allow().size()) {
      clientsCovered(spec, allowed, p);
    }
  }

  /** chrony on the server must answer every other host, or their time sync fails. */
  private static void clientsCovered(ClusterSpec spec, List<Cidr> allowed, Problems p) {
    if (spec.hosts() == null) {
      return;
    }
    Optional<HostSpec> server = ntpServer(spec);
    Map<Cidr, List<String>> uncovered = new LinkedHashMap<>();
    for (HostSpec h : spec.hosts()) {
      var address = h == null ? null : Ipv4.parse(h.address());
      if (address == null || address.isEmpty() || server.map(s -> s == h).orElse(false)) {
        continue;
      }
      if (allowed.stream().noneMatch(c -> c.contains(address.getAsLong()))) {
        uncovered
            .computeIfAbsent(
                Cidr.of(address.getAsLong(), InventoryDefaults.prefixLength(h)),
                c -> new ArrayList<>())
            .add(h.name());
      }
    }
    uncovered.forEach(
        (network, names) ->
            p.add(
                "spec.ntp.allow",
                String.join(", ", names)
                    + (names.size() == 1 ? " is" : " are")
                    + " in no allowed network, so the NTP server would not answer",
                "add " + network));
  }

  /** Mirrors Inventory.ntpServer() on an inventory that may still be incomplete. */
  private static Optional<HostSpec> ntpServer(ClusterSpec spec) {
    for (Role role : List.of(Role.NTP_SERVER, Role.LOAD_BALANCER, Role.CONTROL_PLANE)) {
      List<Integer> found = TopologyRules.indexesWith(spec, role);
      if (!found.isEmpty()) {
        return Optional.of(spec.hosts().get(found.get(0)));
      }
    }
    return Optional.empty();
  }
}
