package io.kubeha.worker;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rolling upgrade's times read from its history: each node's drain, packages, kubeadm upgrade,
 * kubelet restart (until Ready at the new version) and uncordon; the roll's wall from the first
 * drain to the last uncordon; and the bound it should stay under: 1.1 x (the control planes' node
 * times in series + ceil(workers / maxUnavailable) x the slowest worker's node time).
 */
public final class UpgradeTimes {
  /** The parts of a node's upgrade, by the step ids that make each. */
  static final Map<String, Set<String>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("drain", Set.of("drain"));
    PARTS.put("packages", Set.of("kubernetes-apt-repo", "kubeadm-packages"));
    PARTS.put("kubeadm-upgrade", Set.of("kubeadm-upgrade"));
    PARTS.put("kubelet-restart+Ready", Set.of("kubelet-restart"));
    PARTS.put("uncordon", Set.of("uncordon"));
  }

  /** One node's parts in seconds, and its time from the drain asked to the uncordon done. */
  public record Node(
      String host, Map<String, Double> parts, double seconds, Instant from, Instant to) {}

  private final List<Node> controlPlanes;
  private final List<Node> workers;
  private final int maxUnavailable;

  private UpgradeTimes(List<Node> controlPlanes, List<Node> workers, int maxUnavailable) {
    this.controlPlanes = controlPlanes;
    this.workers = workers;
    this.maxUnavailable = maxUnavailable;
  }

  public static UpgradeTimes of(
      RunHistory history, List<String> controlPlanes, List<String> workers, int maxUnavailable) {
    List<RunHistory.StepTime> steps = history.stepTimes();
    return new UpgradeTimes(
        controlPlanes.stream().map(h -> node(steps, h)).toList(),
        workers.stream().map(h -> node(steps, h)).toList(),
        maxUnavailable);
  }

  private static Node node(List<RunHistory.StepTime> steps, String host) {
    Map<String, Double> parts = new LinkedHashMap<>();
    Instant from = null;
    Instant to = null;
    for (var part : PARTS.entrySet()) {
      double sum = 0;
      for (RunHistory.StepTime s : steps) {
        if (s.host().equals(host) && part.getValue().contains(s.stepId())) {
          sum += s.seconds();
          from = from == null || s.scheduled().isBefore(from) ? s.scheduled() : from;
          to = to == null || s.completed().isAfter(to) ? s.completed() : to;
        }
      }
      parts.put(part.getKey(), sum);
    }
    if (from == null) {
      throw new IllegalStateException(host + ": no upgrade step in the history");
    }
    return new Node(host, parts, Duration.between(from, to).toMillis() / 1000.0, from, to);
  }

  public List<Node> nodes() {
    List<Node> all = new ArrayList<>(controlPlanes);
    all.addAll(workers);
    return all;
  }

  /** From the first node's drain asked to the last node's uncordon done. */
  public double rollSeconds() {
    Instant from = nodes().stream().map(Node::from).min(Instant::compareTo).orElseThrow();
    Instant to = nodes().stream().map(Node::to).max(Instant::compareTo).orElseThrow();
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** The control planes in series plus the workers' rounds, each as long as the slowest worker. */
  public double seriesSeconds() {
    double cps = controlPlanes.stream().mapToDouble(Node::seconds).sum();
    double worker = workers.stream().mapToDouble(Node::seconds).max().orElse(0);
    int rounds = (workers.size() + maxUnavailable - 1) / maxUnavailable;
    return cps + rounds * worker;
  }

  /**
   * What is wrong with the pulls before the gate: every node pulled the new release's images (none
   * were there) before the first drain was asked for, and containerd holds the new kube-proxy
   * after; each pull's time is printed as a `bench upgrade-pull` line.
   */
  public static List<String> pullProblems(RunHistory history, LabCluster cluster, Inventory next) {
    List<String> problems = new ArrayList<>();
    List<RunHistory.StepTime> steps = history.stepTimes();
    Instant firstDrain =
        steps.stream()
            .filter(s -> s.stepId().equals("drain"))
            .map(RunHistory.StepTime::scheduled)
            .min(Instant::compareTo)
            .orElse(Instant.MAX);
    String proxy =
        next.spec().kubernetes().imageRepository()
            + "/kube-proxy:v"
            + next.spec().kubernetes().version();
    for (HostSpec h : next.nodes()) {
      String id = h.has(Role.CONTROL_PLANE) ? "control-plane-images" : "node-images";
      var pulled =
          steps.stream()
              .filter(s -> s.host().equals(h.name()) && s.stepId().equals(id))
              .findFirst();
      if (pulled.isEmpty()) {
        problems.add(h.name() + ": no " + id + " step");
        continue;
      }
      System.out.printf(
          "bench upgrade-pull %s %s %.1f s%n", h.name(), id, pulled.get().millis() / 1000.0);
      if (!pulled.get().changed()) {
        problems.add(h.name() + ": " + id + " pulled nothing");
      }
      if (!pulled.get().completed().isBefore(firstDrain)) {
        problems.add(
            h.name()
                + ": pulled by "
                + pulled.get().completed()
                + ", the first drain at "
                + firstDrain);
      }
      if (cluster.lab.exec(h.name(), "crictl", "inspecti", "-q", proxy).exitCode() != 0) {
        problems.add(h.name() + ": containerd does not hold " + proxy);
      }
    }
    return problems;
  }

  /** The `bench` lines: one per node, then the roll against its bound. */
  public List<String> benchLines(String label) {
    List<String> lines = new ArrayList<>();
    for (Node n : nodes()) {
      StringBuilder line = new StringBuilder("bench upgrade-node " + label + " " + n.host());
      n.parts().forEach((part, s) -> line.append(String.format(" %s %.1f", part, s)));
      line.append(String.format(" node %.1f s", n.seconds()));
      lines.add(line.toString());
    }
    double bound = 1.1 * seriesSeconds();
    lines.add(
        String.format(
            "bench upgrade-roll %s wall %.1f s, 1.1 x %.1f s = %.1f s: %s (ratio %.2f)",
            label,
            rollSeconds(),
            seriesSeconds(),
            bound,
            rollSeconds() <= bound ? "within" : "over",
            rollSeconds() / seriesSeconds()));
    return lines;
  }
}
