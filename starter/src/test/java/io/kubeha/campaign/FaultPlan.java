package io.kubeha.campaign;

import io.kubeha.plan.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The campaign's faults drawn from a seed: kinds in shuffled rounds of all six (so every kind appears once N >= 6),
 * moments, hosts and outages at random, grouped perBringUp to a fresh lab bring-up, in the order they will happen.
 */
record FaultPlan(long seed, List<List<Fault>> bringUps) {
  /** The phases a fault may hit (the ones that touch hosts), in run order. */
  static final List<Phase> PHASES = List.of(Phase.PREPARE_NODES, Phase.START_TIME_SERVER, Phase.SYNC_TIME_CLIENTS,
      Phase.CONFIGURE_LOAD_BALANCERS, Phase.INIT_FIRST_CONTROL_PLANE, Phase.INSTALL_CNI, Phase.JOIN_CONTROL_PLANES,
      Phase.JOIN_WORKERS, Phase.VERIFY_CLUSTER);

  /**
   * faults faults for the hosts named; a cut lasts 5 s when shortCuts (the CI subset), else 5-60 s. One moment in
   * PHASES.size() + 1 is "a kubeadm join job has started": the narrow window of an effect done but not recorded.
   */
  static FaultPlan draw(long seed, int faults, int perBringUp, boolean shortCuts, List<String> hosts) {
    Random random = new Random(seed);
    List<FaultKind> kinds = new ArrayList<>();
    while (kinds.size() < faults) {
      List<FaultKind> round = new ArrayList<>(Arrays.asList(FaultKind.values()));
      Collections.shuffle(round, random);
      kinds.addAll(round);
    }
    List<Fault> all = new ArrayList<>();
    for (FaultKind kind : kinds.subList(0, faults)) {
      int m = random.nextInt(PHASES.size() + 1);
      boolean joinJob = m == PHASES.size();
      Phase phase = joinJob ? Phase.JOIN_CONTROL_PLANES : PHASES.get(m);
      Duration delay = Duration.ofMillis(joinJob ? 0 : random.nextInt(3000));
      String host = kind.onHost() ? hosts.get(random.nextInt(hosts.size())) : null;
      all.add(new Fault(kind, phase, joinJob, delay, host, outage(kind, shortCuts, random)));
    }
    List<List<Fault>> groups = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perBringUp) {
      List<Fault> group = new ArrayList<>(all.subList(i, Math.min(all.size(), i + perBringUp)));
      group.sort(Comparator.comparing(Fault::phase).thenComparing(Fault::joinJob).thenComparing(Fault::delay));
      groups.add(List.copyOf(group));
    }
    return new FaultPlan(seed, List.copyOf(groups));
  }

  private static Duration outage(FaultKind kind, boolean shortCuts, Random random) {
    return switch (kind) {
      case WORKER_KILL, SERVER_KILL, SSHD_KILL -> Duration.ofMillis(1000 + random.nextInt(3000));
      case STARTER_KILL -> Duration.ofMillis(500 + random.nextInt(1500));
      case LINK_CUT -> Duration.ofSeconds(shortCuts ? 5 : 5 + random.nextInt(56));
      case HOST_REBOOT -> Duration.ZERO;
    };
  }

  List<Fault> faults() {
    return bringUps.stream().flatMap(List::stream).toList();
  }
}
