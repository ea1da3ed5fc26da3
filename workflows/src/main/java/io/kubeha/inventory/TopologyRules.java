package io.kubeha.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * How many hosts have each role: odd control planes, a pair of load balancers or none, one NTP
 * server.
 */
final class TopologyRules {
  private TopologyRules() {}

  static void check(ClusterSpec spec, Problems p) {
    if (spec.hosts() == null || spec.hosts().isEmpty()) {
      return;
    }
    int masters = indexesWith(spec, Role.CONTROL_PLANE).size();
    if (masters == 0) {
      p.add(
          "spec.hosts",
          "no host has role control-plane",
          "give one host (or three, or five) the role control-plane");
    } else if (masters % 2 == 0) {
      p.add(
          "spec.hosts",
          hostsHave(masters)
              + " role control-plane; stacked etcd needs an odd number to keep quorum",
          "use " + (masters - 1) + " or " + (masters + 1) + " control-plane hosts");
    }
    int lbs = indexesWith(spec, Role.LOAD_BALANCER).size();
    if (lbs != 0 && lbs != 2) {
      p.add(
          "spec.hosts",
          hostsHave(lbs) + " role load-balancer",
          "use exactly two (keepalived MASTER and BACKUP sharing the VIP), or none to use the first control plane's address");
    }
    List<Integer> ntpServers = indexesWith(spec, Role.NTP_SERVER);
    for (int k = 1; k < ntpServers.size(); k++) {
      int i = ntpServers.get(k);
      p.add(
          "spec.hosts[" + i + "].roles",
          "a second ntp-server",
          "remove ntp-server here; "
              + spec.hosts().get(ntpServers.get(0)).name()
              + " already is the NTP server");
    }
  }

  private static String hostsHave(int count) {
    return count == 1 ? "1 host has" : count + " hosts have";
  }

  static List<Integer> indexesWith(ClusterSpec spec, Role role) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < spec.hosts().size(); i++) {
      HostSpec h = spec.hosts().get(i);
      if (h != null && h.has(role)) {
        found.add(i);
      }
    }
    return found;
  }
}
