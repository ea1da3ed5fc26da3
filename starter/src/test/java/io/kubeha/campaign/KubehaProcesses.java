package io.kubeha.campaign;

import io.kubeha.worker.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker and the starter of a campaign run, each replaceable after a kill -9. The starter is
 * `up` for a bring-up; for an operation it is the operation's command first and, after a kill, what
 * an operator runs to follow it again.
 */
final class KubehaProcesses implements AutoCloseable {
  private final Path home;
  private final String address;
  private final Map<String, String> temporalEnv;
  private final Path inventory;
  private final List<Path> starterLogs = new ArrayList<>();
  private final java.util.Map<String, Integer> logsByLabel = new java.util.HashMap<>();
  private String label = "up";
  private List<String> first;
  private List<String> again;
  private ChildJvm worker;
  private ChildJvm starter;

  /** Where the campaign's `backup` commands keep their snapshots. */
  Path backups() {
    return home.resolve("backups");
  }

  KubehaProcesses(Path home, String address, Path inventory) {
    this(home, address, Map.of(), inventory, List.of());
  }

  /**
   * The first operation is `up` with upOptions (e.g. --phase-by-phase); temporalEnv is what the
   * processes need to connect besides --address (the stack's TLS variables).
   */
  KubehaProcesses(
      Path home,
      String address,
      Map<String, String> temporalEnv,
      Path inventory,
      List<String> upOptions) {
    this.home = home;
    this.address = address;
    this.temporalEnv = temporalEnv;
    this.inventory = inventory;
    List<String> up =
        new ArrayList<>(List.of("up", "-f", inventory.toString(), "--yes", "--prove-failover"));
    up.addAll(upOptions);
    this.first = List.copyOf(up);
    this.again = first;
  }

  /**
   * The next operation: its command, and what follows it again after a starter kill (the same `up`,
   * which attaches, or `watch CLUSTER`); started at once, its logs counted from here. --address is
   * added to both.
   */
  void operate(String label, List<String> command, List<String> afterKill) throws IOException {
    this.label = label;
    this.first = command;
    this.again = afterKill;
    starterLogs.clear();
    startStarter();
  }

  Path workerLog() {
    return home.resolve("worker.log");
  }

  /**
   * Where `up` saved the cluster's admin.conf (the worker writes it under the processes'
   * KUBEHA_HOME).
   */
  Path adminConf(String cluster) {
    return home.resolve("clusters").resolve(cluster).resolve("admin.conf");
  }

  /**
   * One log per `up` started, in order: the first started the run, every later one must have
   * attached.
   */
  List<Path> starterLogs() {
    return List.copyOf(starterLogs);
  }

  /**
   * `kubeha worker`: its KUBEHA_HOME holds admin.conf and the backups; the lab's directory, which
   * holds the inventory's SSH key and known_hosts, is allowed too.
   */
  void startWorker() throws IOException {
    String lab = inventory.toAbsolutePath().getParent().toString();
    worker =
        CliProcess.start(
            home, workerLog(), temporalEnv, "worker", "--address", address, "--allow-path", lab);
  }

  /**
   * The starter: the operation's command the first time (by default `kubeha up -f INVENTORY --yes
   * --prove-failover`, which starts the run or attaches to it), its follow-up after that; each with
   * --address ADDRESS.
   */
  void startStarter() throws IOException {
    // Numbered across operations of the same label: a log is never appended to by a later starter.
    Path log = home.resolve(label + "-" + logsByLabel.merge(label, 1, Integer::sum) + ".log");
    List<String> args = new ArrayList<>(starterLogs.isEmpty() ? first : again);
    args.addAll(List.of("--address", address));
    starterLogs.add(log);
    starter = CliProcess.start(home, log, temporalEnv, args.toArray(String[]::new));
  }

  ChildJvm worker() {
    return worker;
  }

  ChildJvm starter() {
    return starter;
  }

  @Override
  public void close() throws InterruptedException {
    if (starter != null) {
      starter.close();
    }
    if (worker != null) {
      worker.close();
    }
  }
}
