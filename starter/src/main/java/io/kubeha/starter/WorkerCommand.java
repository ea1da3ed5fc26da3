package io.kubeha.starter;

import io.kubeha.worker.KubehaHome;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.TemporalSecurity;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
      "  TEMPORAL_ADDRESS=temporal.example:7233 ./kubeha worker"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Runs a worker: it polls task queue kubeha and drives hosts over SSH, logging to stdout,"
          + " until SIGTERM or Ctrl-C (running steps get a grace period).",
      "The SSH keys and known_hosts the inventories name must be readable here."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TemporalOptions temporal;

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
    KubehaWorker worker = KubehaWorker.start(address, temporal.namespace, security);
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
