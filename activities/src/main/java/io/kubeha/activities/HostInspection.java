package io.kubeha.activities;

import io.kubeha.activity.HostFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one script preflight runs on a host, and the parser of what it prints (key=value lines). */
final class HostInspection {
  private HostInspection() {}

  /** Runs as the login user: it checks sudo itself; the few root-only reads go through sudo -n. */
  static final String SCRIPT =
      String.join(
          "\n",
          "if [ \"$(id -u)\" = 0 ]; then S=; else S='sudo -n'; fi",
          "if $S true 2>/dev/null; then echo sudo=yes; else echo sudo=no; fi",
          ". /etc/os-release 2>/dev/null; echo \"os=$ID-$VERSION_ID\"",
          "echo \"arch=$(uname -m)\"",
          "echo \"hostname=$(hostname)\"",
          "for f in /sys/class/net/*/address; do n=${f%/address}; n=${n##*/}; [ \"$n\" = lo ] || echo \"mac=$(cat \"$f\")\"; done",
          "echo \"uuid=$($S cat /sys/class/dmi/id/product_uuid 2>/dev/null)\"",
          "echo \"cpus=$(nproc)\"",
          "echo \"memkb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)\"",
          "echo \"clock=$(date +%s%3N)\"",
          "ss -ltnH 2>/dev/null | awk '{print \"listen=\" $4}'",
          "if $S test -f /etc/kubernetes/kubelet.conf; then echo joined=yes; else echo joined=no; fi");

  static HostFacts parse(String host, String output, List<Integer> portsToCheck) {
    Map<String, String> single = new HashMap<>();
    List<String> macs = new ArrayList<>();
    List<Integer> inUse = new ArrayList<>();
    for (String line : output.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).trim();
      switch (key) {
        case "mac" -> macs.add(value);
        case "listen" -> {
          int port = Integer.parseInt(value.substring(value.lastIndexOf(':') + 1));
          if (portsToCheck.contains(port) && !inUse.contains(port)) {
            inUse.add(port);
          }
        }
        default -> single.put(key, value);
      }
    }
    return new HostFacts(
        host,
        single.getOrDefault("os", ""),
        single.getOrDefault("arch", ""),
        single.getOrDefault("hostname", ""),
        macs,
        single.getOrDefault("uuid", ""),
        Integer.parseInt(single.getOrDefault("cpus", "0")),
        Long.parseLong(single.getOrDefault("memkb", "0")) / 1024,
        Long.parseLong(single.getOrDefault("clock", "0")),
        inUse,
        "yes".equals(single.get("sudo")),
        "yes".equals(single.get("joined")));
  }
}
