package io.kubeha.campaign;

import io.kubeha.worker.LabCluster;
import java.time.Duration;

/**
 * Injects one fault into a running bring-up and returns once the fault is over (restarted, healed,
 * rebooted).
 */
final class FaultInjector {
  private final LabCluster cluster;
  private final CampaignTemporal temporal;
  private final KubehaProcesses processes;

  FaultInjector(LabCluster cluster, CampaignTemporal temporal, KubehaProcesses processes) {
    this.cluster = cluster;
    this.temporal = temporal;
    this.processes = processes;
  }

  void inject(Fault fault) throws Exception {
    switch (fault.kind()) {
      case WORKER_KILL -> {
        processes.worker().kill9();
        outage(fault.outage());
        processes.startWorker();
      }
      case STARTER_KILL -> {
        processes.starter().kill9();
        outage(fault.outage());
        processes.startStarter();
      }
      case SERVER_KILL -> temporal.killServer(fault.outage());
      case POSTGRES_KILL -> temporal.killDatabase(fault.outage());
      case LINK_CUT -> {
        cluster.lab.cut(fault.host());
        try {
          outage(fault.outage());
        } finally {
          cluster.lab.heal(fault.host());
        }
      }
      case SSHD_KILL -> {
        cluster.lab.kill(fault.host(), "sshd");
        outage(fault.outage());
        // systemd may have restarted ssh.service already; starting it again is then a no-op.
        var started = cluster.lab.exec(fault.host(), "systemctl", "start", "ssh");
        if (started.exitCode() != 0) {
          throw new IllegalStateException(
              fault.host() + ": systemctl start ssh failed: " + started.stderr());
        }
      }
      case HOST_REBOOT -> cluster.lab.reboot(fault.host());
    }
  }

  private static void outage(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis()); // the outage being simulated, not a synchronisation
  }
}
