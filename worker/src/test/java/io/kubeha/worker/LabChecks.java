package io.kubeha.worker;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.lab.Lab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the cluster's state from the lab itself, never from kubeha's own report. */
public final class LabChecks {
  private final Lab lab;
  private final Inventory inventory;

  public LabChecks(Lab lab, Inventory inventory) {
    this.lab = lab;
    this.inventory = inventory;
  }

  Lab lab() {
    return lab;
  }

  Inventory inventory() {
    return inventory;
  }

  /**
   * /healthz through VIP:port, asked from the second LB (through nginx on whichever LB holds the
   * VIP).
   */
  public String healthThroughEndpoint() {
    var ep = inventory.spec().controlPlaneEndpoint();
    return lab.exec(
            inventory.loadBalancers().get(1).name(),
            "curl",
            "-sk",
            "--max-time",
            "5",
            "https://" + ep.vip() + ":" + ep.port() + "/healthz")
        .stdout()
        .trim();
  }

  /** The LBs that hold the VIP on their interface. */
  public List<String> vipHolders() {
    String vip = inventory.spec().controlPlaneEndpoint().vip();
    return inventory.loadBalancers().stream()
        .filter(
            lb ->
                lab.exec(lb.name(), "ip", "-o", "-4", "addr", "show")
                    .stdout()
                    .contains(" " + vip + "/"))
        .map(HostSpec::name)
        .toList();
  }

  /** The source chronyc marks as selected (^*) on a host, or "" when none is. */
  public String selectedTimeSource(String host) {
    return lab.exec(host, "chronyc", "-n", "sources")
        .stdout()
        .lines()
        .filter(l -> l.startsWith("^*"))
        .map(l -> l.substring(2).trim().split("\\s+")[0])
        .findFirst()
        .orElse("");
  }

  /** The API server addresses in nginx's running configuration on an LB (`nginx -T`). */
  public List<String> nginxUpstreams(String lb) {
    return lab.exec(lb, "nginx", "-T")
        .stdout()
        .lines()
        .map(String::trim)
        .filter(l -> l.startsWith("server ") && l.contains(":6443"))
        .map(l -> l.substring("server ".length()).split(":")[0])
        .sorted()
        .toList();
  }

  public int hostsBlocks(String host) {
    return (int)
        lab.exec(host, "cat", "/etc/hosts")
            .stdout()
            .lines()
            .filter(l -> l.equals("# BEGIN kubeha managed block"))
            .count();
  }

  /**
   * Hosts with a started detached job whose name ends with suffix (e.g. ".join"), read straight
   * from their overlay upper dirs: cheap enough to poll for the moment a job runs.
   */
  public List<String> hostsWithStartedJob(String suffix) {
    List<String> found = new ArrayList<>();
    for (HostSpec h : inventory.hosts()) {
      java.io.File[] jobs =
          lab.dir()
              .resolve(Path.of("hosts", h.name(), "upper", "var", "lib", "kubeha", "jobs"))
              .toFile()
              .listFiles(
                  f -> f.getName().endsWith(suffix) && new java.io.File(f, "started").exists());
      if (jobs != null && jobs.length > 0) {
        found.add(h.name());
      }
    }
    return found;
  }

  /**
   * Calls of a logged program (real binaries through the lab's shim, or a stand-in) per host whose
   * arguments start with prefix, e.g. kubeadm "init --config".
   */
  public Map<String, Integer> calls(String program, String argsPrefix) {
    Map<String, Integer> counts = new TreeMap<>();
    for (HostSpec h : inventory.hosts()) {
      int n =
          (int)
              lab.callLog(h.name()).stream()
                  .map(l -> l.split("\t"))
                  .filter(f -> f.length >= 3 && f[1].equals(program) && f[2].startsWith(argsPrefix))
                  .count();
      if (n > 0) {
        counts.put(h.name(), n);
      }
    }
    return counts;
  }
}
