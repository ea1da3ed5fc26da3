package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.inventory.Role;
import io.kubeha.workflow.bringup.PreflightFinding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Judges what preflight saw: errors stop the run, warnings are reported. Pure, for any caller. */
public final class PreflightRules {
  private PreflightRules() {}

  /** kubeadm's ControlPlaneNumCPU; kubeadm checks no CPU minimum on workers. */
  public static final int CONTROL_PLANE_MIN_CPUS = 2;

  /** kubeadm's ControlPlaneMem (MiB); kubeadm checks no memory minimum on workers. */
  public static final long CONTROL_PLANE_MIN_MEMORY_MIB = 1700;

  /** Clock skew between hosts above which preflight warns. */
  public static final long MAX_CLOCK_SKEW_MILLIS = 1000;

  private static final String NO_MAC = "00:00:00:00:00:00";

  /** Findings in a stable order: per host in fact order, then duplicates, then skew. */
  public static List<PreflightFinding> judge(Inventory inv, List<HostFacts> facts) {
    List<PreflightFinding> findings = new ArrayList<>();
    for (HostFacts f : facts) {
      inv.host(f.host()).ifPresent(h -> findings.addAll(judgeHost(inv, h, f)));
    }
    findings.addAll(duplicates(facts, "MAC address", HostFacts::macAddresses));
    findings.addAll(
        duplicates(
            facts,
            "product_uuid",
            f -> f.productUuid() == null ? List.of() : List.of(f.productUuid())));
    findings.addAll(clockSkew(facts));
    return findings;
  }

  private static List<PreflightFinding> judgeHost(Inventory inv, HostSpec host, HostFacts f) {
    List<PreflightFinding> out = new ArrayList<>();
    String name = host.name();
    if (!f.sudoWorks()) {
      out.add(error(name, "sudo does not work for the SSH user (passwordless sudo is needed)"));
    }
    List<String> allowed = allowedOs(inv);
    if (!allowed.contains(f.os())) {
      out.add(
          error(
              name,
              "OS "
                  + f.os()
                  + " is not allowed (allowed: "
                  + String.join(", ", allowed)
                  + "; set spec.options.allowedOs to allow it)"));
    }
    if (host.has(Role.CONTROL_PLANE) && f.cpus() < CONTROL_PLANE_MIN_CPUS) {
      out.add(
          error(
              name,
              f.cpus() + " CPU(s), a control plane needs at least " + CONTROL_PLANE_MIN_CPUS));
    }
    if (host.has(Role.CONTROL_PLANE) && f.memoryMiB() < CONTROL_PLANE_MIN_MEMORY_MIB) {
      out.add(
          error(
              name,
              f.memoryMiB()
                  + " MiB of memory, a control plane needs at least "
                  + CONTROL_PLANE_MIN_MEMORY_MIB
                  + " MiB"));
    }
    if (f.portsInUse() != null && !f.portsInUse().isEmpty()) {
      out.add(
          warning(
              List.of(name),
              "ports already in use: "
                  + f.portsInUse()
                  + (f.joined() ? " (the host already joined the cluster)" : "")));
    }
    return out;
  }

  private static List<String> allowedOs(Inventory inv) {
    OptionsSpec options = inv.spec().options();
    return options == null || options.allowedOs() == null
        ? OptionsSpec.DEFAULT_ALLOWED_OS
        : options.allowedOs();
  }

  private static List<PreflightFinding> duplicates(
      List<HostFacts> facts, String what, Function<HostFacts, List<String>> values) {
    Map<String, List<String>> hostsByValue = new TreeMap<>();
    for (HostFacts f : facts) {
      List<String> vs = values.apply(f);
      for (String v : vs == null ? List.<String>of() : vs) {
        String key = v.trim().toLowerCase(Locale.ROOT);
        if (!key.isEmpty() && !key.equals(NO_MAC)) {
          List<String> hosts = hostsByValue.computeIfAbsent(key, k -> new ArrayList<>());
          if (!hosts.contains(f.host())) {
            hosts.add(f.host());
          }
        }
      }
    }
    List<PreflightFinding> out = new ArrayList<>();
    hostsByValue.forEach(
        (value, hosts) -> {
          if (hosts.size() > 1) {
            out.add(
                new PreflightFinding(
                    Severity.ERROR,
                    hosts,
                    "share the "
                        + what
                        + " "
                        + value
                        + " (cloned VMs? kubeadm needs it unique per node)"));
          }
        });
    return out;
  }

  private static List<PreflightFinding> clockSkew(List<HostFacts> facts) {
    if (facts.size() < 2) {
      return List.of();
    }
    HostFacts earliest =
        facts.stream().min(Comparator.comparingLong(HostFacts::clockMillis)).orElseThrow();
    HostFacts latest =
        facts.stream().max(Comparator.comparingLong(HostFacts::clockMillis)).orElseThrow();
    long skew = latest.clockMillis() - earliest.clockMillis();
    if (skew <= MAX_CLOCK_SKEW_MILLIS) {
      return List.of();
    }
    return List.of(
        warning(
            List.of(earliest.host(), latest.host()),
            "clock skew of " + skew + " ms (time sync later in the run fixes it)"));
  }

  private static PreflightFinding error(String host, String message) {
    return new PreflightFinding(Severity.ERROR, List.of(host), message);
  }

  private static PreflightFinding warning(List<String> hosts, String message) {
    return new PreflightFinding(Severity.WARNING, hosts, message);
  }
}
