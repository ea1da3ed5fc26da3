package io.kubeha.activities;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether kube-controller-manager and kube-scheduler lead again after a control plane's upgrade:
 * each one's Lease renewed in the last few seconds, and held for a few seconds (its informers
 * synced). `kubeadm upgrade` returns once the new static Pods run, but the new controller-manager
 * leads only when the dead one's lease expires (15 s); until then nothing updates EndpointSlices,
 * so a Pod drained meanwhile stays an endpoint after it stopped (seen: a probe of the check
 * workload refused through a NodePort while a worker drained right after the control plane).
 */
record ControllersLeading(Instant now, List<String> leases) {
  static final List<String> NAMES = List.of("kube-controller-manager", "kube-scheduler");
  static final Duration FRESH = Duration.ofSeconds(5);
  static final Duration SETTLED = Duration.ofSeconds(5);

  /** What to run on a control plane: its clock, then "name renewTime acquireTime" per lease. */
  static String command(String kubectl) {
    return "date -u +%Y-%m-%dT%H:%M:%SZ && "
        + kubectl
        + " -n kube-system get lease "
        + String.join(" ", NAMES)
        + " -o jsonpath='{range .items[*]}{.metadata.name} {.spec.renewTime} {.spec.acquireTime}"
        + "{\"\\n\"}{end}'";
  }

  /** Reads command()'s output. */
  static ControllersLeading parse(String stdout) {
    List<String> lines = stdout.strip().lines().map(String::strip).toList();
    return new ControllersLeading(Instant.parse(lines.get(0)), lines.subList(1, lines.size()));
  }

  boolean leading() {
    Set<String> ready =
        leases.stream()
            .map(l -> l.split(" "))
            .filter(f -> f.length == 3 && fresh(f[1]) && settled(f[2]))
            .map(f -> f[0])
            .collect(Collectors.toSet());
    return ready.containsAll(NAMES);
  }

  private boolean fresh(String renewTime) {
    Instant renewed = instant(renewTime);
    return renewed != null && !renewed.isBefore(now.minus(FRESH));
  }

  private boolean settled(String acquireTime) {
    Instant acquired = instant(acquireTime);
    return acquired != null && !acquired.isAfter(now.minus(SETTLED));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
