package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The campaign's faults drawn from a seed: kinds in shuffled rounds of every kind drawn (so each
 * appears once N reaches their count), moments, hosts and outages at random, grouped perRun to one
 * run (a bring-up or a day-2 operation), in the order they will happen.
 */
record FaultPlan(long seed, List<FaultKind> kinds, List<List<Fault>> bringUps) {
  /**
   * faults faults of a lab bring-up (its graph) for the hosts named; a cut lasts 5 s when shortCuts
   * (the CI subset), else 5-60 s. Each moment is a lab host starting one of its steps, or, one in
   * steps + 1, "a kubeadm join job has started": an effect done but not recorded.
   */
  static FaultPlan draw(
      long seed, int faults, int perBringUp, boolean shortCuts, List<String> hosts) {
    return draw(seed, faults, perBringUp, shortCuts, hosts, Moments.BRING_UP);
  }

  /**
   * faults faults at the given moments: one in phases + steps + 1 is the job's start, the rest a
   * phase or a host's step, and a delay.
   */
  static FaultPlan draw(
      long seed, int faults, int perRun, boolean shortCuts, List<String> hosts, Moments moments) {
    return draw(seed, faults, perRun, shortCuts, hosts, moments, FaultKind.ON_DEV_SERVER);
  }

  /**
   * The same, drawing from the kinds given (a server of the campaign's own adds its database's).
   */
  static FaultPlan draw(
      long seed,
      int faults,
      int perRun,
      boolean shortCuts,
      List<String> hosts,
      Moments moments,
      List<FaultKind> drawn) {
    Random random = new Random(seed);
    List<FaultKind> kinds = new ArrayList<>();
    while (kinds.size() < faults) {
      List<FaultKind> round = new ArrayList<>(drawn);
      Collections.shuffle(round, random);
      kinds.addAll(round);
    }
    List<Phase> phases = moments.phases();
    List<Moments.Step> steps = moments.steps();
    List<Fault> all = new ArrayList<>();
    for (FaultKind kind : kinds.subList(0, faults)) {
      int m = random.nextInt(phases.size() + steps.size() + 1);
      boolean jobStarted = m == phases.size() + steps.size();
      Moments.Step step = m >= phases.size() && !jobStarted ? steps.get(m - phases.size()) : null;
      Phase phase = jobStarted ? moments.jobPhase() : step != null ? step.phase() : phases.get(m);
      Duration delay =
          Duration.ofMillis(
              jobStarted
                  ? 0
                  : random.nextInt(
                      step != null ? moments.maxDelayMillis() / 5 : moments.maxDelayMillis()));
      String host = kind.onHost() ? hosts.get(random.nextInt(hosts.size())) : null;
      all.add(
          new Fault(kind, phase, jobStarted, step, delay, host, outage(kind, shortCuts, random)));
    }
    List<List<Fault>> groups = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perRun) {
      List<Fault> group = new ArrayList<>(all.subList(i, Math.min(all.size(), i + perRun)));
      group.sort(
          Comparator.comparing(Fault::phase)
              .thenComparing(Fault::jobStarted)
              .thenComparingInt(f -> f.step() == null ? -1 : f.step().index())
              .thenComparing(Fault::delay));
      groups.add(List.copyOf(group));
    }
    return new FaultPlan(seed, List.copyOf(drawn), List.copyOf(groups));
  }

  private static Duration outage(FaultKind kind, boolean shortCuts, Random random) {
    return switch (kind) {
      case WORKER_KILL, SERVER_KILL, POSTGRES_KILL, SSHD_KILL ->
          Duration.ofMillis(1000 + random.nextInt(3000));
      case STARTER_KILL -> Duration.ofMillis(500 + random.nextInt(1500));
      case LINK_CUT -> Duration.ofSeconds(shortCuts ? 5 : 5 + random.nextInt(56));
      case HOST_REBOOT -> Duration.ZERO;
    };
  }

  List<Fault> faults() {
    return bringUps.stream().flatMap(List::stream).toList();
  }
}
