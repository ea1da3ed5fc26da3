package io.kubeha.campaign;

import io.kubeha.inventory.HostSpec;
import io.kubeha.worker.LabChecks;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabSecrets;
import io.kubeha.worker.RunHistory;
import io.kubeha.worker.SecretSearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * After a bring-up: what the lab says was done twice, which finished steps the histories show
 * re-applied, and leaks.
 */
public final class CampaignChecks {
  private final LabCluster cluster;
  private final LabChecks lab;

  CampaignChecks(LabCluster cluster) {
    this.cluster = cluster;
    this.lab = new LabChecks(cluster.lab, cluster.inventory);
  }

  LabChecks lab() {
    return lab;
  }

  /**
   * kubeadm init once in all, each join once per other node, the /etc/hosts block once per host
   * (call logs, files).
   */
  List<String> duplicates() {
    List<String> found = new ArrayList<>();
    String first = cluster.inventory.firstControlPlane().name();
    Map<String, Integer> inits = lab.calls("kubeadm", "init --config");
    if (!inits.equals(Map.of(first, 1))) {
      found.add("kubeadm init calls per host " + inits + ", expected once on " + first);
    }
    // `join --config` is the join itself, whole or what its prepare left (`join phase ...` calls).
    Map<String, Integer> joins = lab.calls("kubeadm", "join --config");
    lab.calls("kubeadm", "join phase control-plane-prepare")
        .forEach(
            (host, n) -> {
              if (n > 1) {
                found.add(
                    host + ": kubeadm join phase control-plane-prepare called " + n + " times");
              }
            });
    for (HostSpec h : cluster.inventory.nodes()) {
      int expected = h.name().equals(first) ? 0 : 1;
      if (joins.getOrDefault(h.name(), 0) != expected) {
        found.add(
            h.name()
                + ": kubeadm join called "
                + joins.getOrDefault(h.name(), 0)
                + " times, expected "
                + expected);
      }
    }
    for (HostSpec h : cluster.inventory.hosts()) {
      int blocks = lab.hostsBlocks(h.name());
      if (blocks != 1) {
        found.add(h.name() + ": the kubeha /etc/hosts block " + blocks + " times");
      }
    }
    return found;
  }

  /**
   * (host, step) pairs whose completed results say changed=true more than once across every history
   * of the run.
   */
  List<String> reapplied(RunHistory history) {
    return reapplied(history, 80);
  }

  /** The same for a run that must hold at least atLeast step results to be judged. */
  public static List<String> reapplied(RunHistory history, int atLeast) {
    return reapplied(history, atLeast, java.util.Map.of());
  }

  /**
   * The same where a (host, step) pair the operation changes several times by design (`host step`
   * mapped to how often) is judged against that count.
   */
  public static List<String> reapplied(
      RunHistory history, int atLeast, java.util.Map<String, Long> byDesign) {
    List<RunHistory.Applied> applied = history.applied();
    if (applied.size() < atLeast) {
      return List.of(
          "the histories hold only "
              + applied.size()
              + " step results: cannot judge re-application");
    }
    return applied.stream()
        .filter(RunHistory.Applied::changed)
        .collect(Collectors.groupingBy(a -> a.host() + " " + a.stepId(), Collectors.counting()))
        .entrySet()
        .stream()
        .filter(e -> e.getValue() > byDesign.getOrDefault(e.getKey(), 1L))
        .map(e -> e.getKey() + " applied (changed=true) " + e.getValue() + " times")
        .sorted()
        .toList();
  }

  /**
   * The secrets the lab saw, searched in the parent's and children's histories, the kubeha logs and
   * the call logs.
   */
  List<String> leaks(LabSecrets seen, RunHistory history, Path workerLog, List<Path> starterLogs)
      throws IOException {
    SecretSearch search = SecretSearch.of(cluster, seen);
    List<String> problems = new ArrayList<>();
    if (search.tokens() < cluster.inventory.nodes().size() - 1 || search.certificateKeys() < 1) {
      problems.add(
          "the lab saw too few secrets to search for: "
              + search.tokens()
              + " tokens, "
              + search.certificateKeys()
              + " certificate keys");
    }
    problems.addAll(leaks(cluster, search, history, workerLog, starterLogs));
    return problems;
  }

  /** search's secrets in the histories, the worker's and starters' logs and the lab's call logs. */
  static List<String> leaks(
      LabCluster cluster,
      SecretSearch search,
      RunHistory history,
      Path workerLog,
      List<Path> starterLogs)
      throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    String dump = history.dump();
    // A step's result, or the inventory in an input (a check's history holds no step result).
    if (!dump.contains("stepId")
        && !dump.contains(cluster.inventory.firstControlPlane().address())) {
      problems.add("the history dump shows no payload text, so a secret in one would not be found");
    }
    texts.put("the workflow histories", dump);
    texts.put("the worker log", Files.readString(workerLog));
    for (Path log : starterLogs) {
      texts.put("the starter log " + log.getFileName(), Files.readString(log));
    }
    texts.put("the lab's call logs", SecretSearch.callLogs(cluster));
    problems.addAll(search.leaks(texts));
    return problems;
  }
}
