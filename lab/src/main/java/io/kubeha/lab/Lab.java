package io.kubeha.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test hosts on this machine (lab/bin/lab): systemd-nspawn hosts with real sshd on a bridge, and
 * the kubeha inventory for them. Close it to tear the lab down.
 */
public final class Lab implements AutoCloseable {

  private static final Duration UP_BASE = Duration.ofSeconds(120);
  private static final Duration PER_HOST = Duration.ofSeconds(3);
  private static final Duration COMMAND = Duration.ofMinutes(3);

  private final LabScript script;
  private final Path inventory;

  private Lab(LabScript script, Path inventory) {
    this.script = script;
    this.inventory = inventory;
  }

  /**
   * Builds a fresh lab (removing a stale one first) and waits until every host answers SSH; the
   * environment's KUBEHA_LAB_TIME_SCALE, if set, becomes the lab's --time-scale.
   */
  public static Lab up(int masters, int workers, int lbs) {
    LabScript script = LabScript.locate();
    Duration timeout = UP_BASE.plus(PER_HOST.multipliedBy(masters + workers + lbs));
    List<String> args =
        new ArrayList<>(
            List.of("up", "--masters", "" + masters, "--workers", "" + workers, "--lbs", "" + lbs));
    String scale = System.getenv("KUBEHA_LAB_TIME_SCALE");
    if (scale != null && !scale.isBlank()) {
      args.addAll(List.of("--time-scale", scale.strip()));
    }
    ExecResult result = script.check(timeout, args);
    return new Lab(script, Path.of(result.out()));
  }

  public Path inventoryPath() {
    return inventory;
  }

  /** The Kubernetes version the lab's inventory names (the newest release built), e.g. "1.37.2". */
  public String kubernetesVersion() {
    try {
      var m =
          java.util.regex.Pattern.compile("kubernetes: \\{version: ([0-9.]+)")
              .matcher(Files.readString(inventory));
      if (!m.find()) {
        throw new LabException("no spec.kubernetes.version in " + inventory);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The containerd version the lab's inventory names (what the mirror serves), e.g. "2.2.10". */
  public String containerdVersion() {
    try {
      var m =
          java.util.regex.Pattern.compile("\n    containerd: ([0-9.]+)")
              .matcher(Files.readString(inventory));
      if (!m.find()) {
        throw new LabException("no spec.containerRuntime.containerd in " + inventory);
      }
      return m.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Kubernetes minor version of the lab, e.g. "1.37". */
  public String kubernetesMinor() {
    String v = kubernetesVersion();
    return v.substring(0, v.lastIndexOf('.'));
  }

  /** The lab's state directory (holds ssh/, hosts/, www/). */
  public Path dir() {
    return inventory.getParent();
  }

  public Path privateKey() {
    return dir().resolve("ssh/id_ed25519");
  }

  public Path knownHosts() {
    return dir().resolve("ssh/known_hosts");
  }

  /** Runs COMMAND inside HOST as root (without CAP_SYS_TIME); never throws on a non-zero exit. */
  public ExecResult exec(String host, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", host, "--"));
    args.addAll(List.of(command));
    return script.run(COMMAND, args);
  }

  /**
   * The host's call log (kubeadm and kubectl through the lab's logging shim, the modprobe
   * stand-in): one line per call, "time\tprogram\targs\texit\tmillis".
   */
  public List<String> callLog(String host) {
    String out = script.check(COMMAND, List.of("log", host)).stdout();
    return out.isEmpty() ? List.of() : out.lines().toList();
  }

  /** The address of HOST from the lab's host table. */
  public String address(String host) {
    try {
      return Files.readAllLines(dir().resolve("hosts.tsv")).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields[0].equals(host))
          .map(fields -> fields[1])
          .findFirst()
          .orElseThrow(() -> new LabException("no lab host " + host));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Boots one more host (control-plane, worker or load-balancer) and adds it to the lab's
   * inventory.
   */
  public void addHost(String name, String role) {
    script.check(UP_BASE, List.of("add-host", name, "--role", role));
  }

  public void cut(String host) {
    script.check(COMMAND, List.of("cut", host));
  }

  public void heal(String host) {
    script.check(COMMAND, List.of("heal", host));
  }

  public void kill(String host, String process) {
    script.check(COMMAND, List.of("kill", host, process));
  }

  /** Kills every process of the host, boots it again on the same disk, waits for SSH. */
  public void reboot(String host) {
    script.check(COMMAND, List.of("reboot", host));
  }

  /** Gives the host a new SSH host key; returns its known_hosts line (not added to the lab's). */
  public String rekey(String host) {
    return script.check(COMMAND, List.of("rekey", host)).out();
  }

  public String status() {
    return script.check(COMMAND, List.of("status")).stdout();
  }

  public void down() {
    script.check(COMMAND, List.of("down"));
  }

  @Override
  public void close() {
    down();
  }
}
