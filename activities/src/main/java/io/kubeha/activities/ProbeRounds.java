package io.kubeha.activities;

import io.kubeha.activity.WorkloadProbe;
import io.kubeha.ssh.Heartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Asks every probe, then asks those that failed again, round after round, until all answer or the
 * settle time is up: kube-proxy and CoreDNS pick up a new Service's endpoints a moment after its
 * Deployment counts as available. Each probe keeps its last verdict, in the order given.
 */
final class ProbeRounds {
  /** One probe: what it asks, from where, and the asking. */
  record Probe(String what, String from, Supplier<ProbeAnswers.Verdict> ask) {}

  private ProbeRounds() {}

  static List<WorkloadProbe> run(
      List<Probe> probes, Duration settle, Duration pause, Heartbeat heartbeat) {
    long end = System.nanoTime() + settle.toNanos();
    ProbeAnswers.Verdict[] verdicts = new ProbeAnswers.Verdict[probes.size()];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      pending.add(i);
    }
    while (true) {
      for (int i : pending) {
        Probe p = probes.get(i);
        // A probe that answers within 3 s never heartbeats by itself; many in a row would time out.
        heartbeat.beat("probe " + p.what() + " from " + p.from());
        verdicts[i] = p.ask().get();
      }
      pending = pending.stream().filter(i -> !verdicts[i].ok()).toList();
      if (pending.isEmpty() || System.nanoTime() > end) {
        break;
      }
      heartbeat.beat(pending.size() + " probes not answering yet; asking again");
      sleep(pause);
    }
    List<WorkloadProbe> done = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      Probe p = probes.get(i);
      done.add(new WorkloadProbe(p.what(), p.from(), verdicts[i].ok(), verdicts[i].detail()));
    }
    return done;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between probe rounds", e);
    }
  }
}
