package io.kubeha.starter;

import io.kubeha.worker.KubehaHome;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.worker.WorkerRoots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha worker: host kubeha's workflows and activities until SIGTERM; run more of them to scale.
 */
@Command(
    name = "worker",
    header = "Run a kubeha worker (run more to scale)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha worker --address temporal.example:7233",
      "  TEMPORAL_ADDRESS=temporal.example:7233 ./kubeha worker",
      "  ./kubeha worker --allow-path /srv/etcd-backups --allow-path /srv/registry-ca"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Runs a worker: it polls task queue kubeha and drives hosts over SSH, logging to stdout,"
          + " until SIGTERM or Ctrl-C (running steps get a grace period).",
      "The SSH keys and known_hosts the inventories name must be readable here.",
      "Files a run names on this machine (SSH keys, known_hosts, registry CA and credentials files,"
          + " admin.conf, backup directories, snapshots to restore) are used only under $KUBEHA_HOME,"
          + " each --allow-path DIR and each directory of $KUBEHA_ALLOWED_PATHS (colon-separated);"
          + " any other path fails the run's step, naming the field, before the file is touched."
          + " SSH keys and known_hosts may also be in ~/.ssh (used only to log in)."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--allow-path",
      paramLabel = "DIR",
      description =
          "A directory whose files runs may name, besides $KUBEHA_HOME and $KUBEHA_ALLOWED_PATHS"
              + " (repeatable). Runs write admin.conf and snapshots where they say, under these"
              + " directories: allow only what runs need.")
  List<Path> allowPaths = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    WorkerLogging.configure();
    // The worker writes admin.conf, snapshots and its artifact cache there.
    KubehaHome.create(spec.commandLine().getErr());
    String address;
    TemporalSecurity security;
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), false)) {
      address = connection.address();
      security = connection.security();
    }
    KubehaWorker worker =
        KubehaWorker.start(address, temporal.namespace, security, WorkerRoots.of(allowPaths));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  stopped.countDown();
                },
                "kubeha-worker-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
