package io.kubeha.campaign;

import io.kubeha.worker.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The worker and the starter (`up`) of one campaign bring-up, each replaceable after a kill -9. */
final class KubehaProcesses implements AutoCloseable {
  private final Path home;
  private final String address;
  private final Path inventory;
  private final List<Path> starterLogs = new ArrayList<>();
  private ChildJvm worker;
  private ChildJvm starter;

  KubehaProcesses(Path home, String address, Path inventory) {
    this.home = home;
    this.address = address;
    this.inventory = inventory;
  }

  Path workerLog() {
    return home.resolve("worker.log");
  }

  /** Where `up` saved the cluster's admin.conf (the worker writes it under the processes' KUBEHA_HOME). */
  Path adminConf(String cluster) {
    return home.resolve("clusters").resolve(cluster).resolve("admin.conf");
  }

  /** One log per `up` started, in order: the first started the run, every later one must have attached. */
  List<Path> starterLogs() {
    return List.copyOf(starterLogs);
  }

  void startWorker() throws IOException {
    worker = CliProcess.start(home, workerLog(), "worker", "--address", address);
  }

  /** `kubeha up -f INVENTORY --yes --prove-failover --address ADDRESS`: starts the run, or attaches to it. */
  void startStarter() throws IOException {
    Path log = home.resolve("up-" + (starterLogs.size() + 1) + ".log");
    starterLogs.add(log);
    starter = CliProcess.start(home, log, "up", "-f", inventory.toString(), "--yes", "--prove-failover",
        "--address", address);
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
