package io.kubeha.activities;

import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Whether kube-controller-manager and kube-scheduler lead: each one's Lease renewed in the last few
 * seconds, held for a few seconds (its informers synced), and held by the process running now — not
 * by one a restart killed, whose lease still looks fresh until it runs out (15 s). Until a live
 * controller-manager leads, nothing updates EndpointSlices, so a Pod drained meanwhile stays an
 * endpoint after it stopped (seen twice: a probe of the check workload refused through a NodePort
 * while a worker drained right after a control plane's upgrade).
 */
record ControllersLeading(Instant now, List<String> lines) {
  static final List<String> NAMES = List.of("kube-controller-manager", "kube-scheduler");
  static final Duration FRESH = Duration.ofSeconds(5);
  static final Duration SETTLED = Duration.ofSeconds(5);
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * What to run on a control plane: its clock; "lease name renewTime acquireTime holder" per lease;
   * "pod component node startedAt" per static Pod of the two (startedAt of the container running
   * now, empty if none runs).
   */
  static String command(String kubectl) {
    return "date -u +%Y-%m-%dT%H:%M:%SZ && "
        + kubectl
        + " -n kube-system get lease "
        + String.join(" ", NAMES)
        + " -o jsonpath='{range .items[*]}lease {.metadata.name} {.spec.renewTime}"
        + " {.spec.acquireTime} {.spec.holderIdentity}{\"\\n\"}{end}' && "
        + kubectl
        + " -n kube-system get pods -l 'component in ("
        + String.join(",", NAMES)
        + ")' -o jsonpath='{range .items[*]}pod {.metadata.labels.component} {.spec.nodeName}"
        + " {.status.containerStatuses[0].state.running.startedAt}{\"\\n\"}{end}'";
  }

  /** Reads command()'s output. */
  static ControllersLeading parse(String stdout) {
    List<String> all = stdout.strip().lines().map(String::strip).toList();
    return new ControllersLeading(Instant.parse(all.get(0)), all.subList(1, all.size()));
  }

  /**
   * Returns once both lead, asked through acting; fails after a few minutes naming the last leases
   * seen.
   */
  static void await(RemoteShell acting, String when) {
    RemoteCommand read =
        RemoteCommand.of(command(ClusterQueries.KUBECTL), Duration.ofSeconds(60))
            .withSummary("read the controllers' leases");
    Polling.until(
        acting.heartbeat(),
        "kube-controller-manager and kube-scheduler leading " + when,
        DEADLINE,
        POLL,
        () -> {
          CommandResult r = acting.run(read);
          return r.ok() && parse(r.stdout()).leading() ? Optional.of(true) : Optional.empty();
        },
        () -> acting.run(read).stdout().strip());
  }

  boolean leading() {
    return NAMES.stream().allMatch(this::leads);
  }

  private boolean leads(String name) {
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length == 5 && f[0].equals("lease") && f[1].equals(name)) {
        Instant renewed = instant(f[2]);
        Instant acquired = instant(f[3]);
        return renewed != null
            && acquired != null
            && !renewed.isBefore(now.minus(FRESH))
            && !acquired.isAfter(now.minus(SETTLED))
            && heldByTheRunningProcess(name, f[4], acquired);
      }
    }
    return false;
  }

  /**
   * The holder is "node_uuid"; its node's container of that name started before it took the lease.
   * A container started since (kubeadm upgrade, a kubelet restart at a new version) means the
   * holder is dead.
   */
  private boolean heldByTheRunningProcess(String name, String holder, Instant acquired) {
    int sep = holder.lastIndexOf('_');
    if (sep <= 0) {
      return false;
    }
    String node = holder.substring(0, sep);
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length >= 3 && f[0].equals("pod") && f[1].equals(name) && f[2].equals(node)) {
        Instant started = f.length == 4 ? instant(f[3]) : null;
        return started != null && !acquired.isBefore(started);
      }
    }
    return false;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
