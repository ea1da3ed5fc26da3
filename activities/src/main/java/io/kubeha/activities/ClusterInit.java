package io.kubeha.activities;

import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.KubeadmConfig;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.StepExecutor;
import java.nio.file.Path;
import java.time.Duration;

/**
 * kubeadm init on the first master through its step (adopting an earlier init), then admin.conf to
 * the operator, and init's own bootstrap token deleted (joins mint theirs).
 */
final class ClusterInit {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration RESET_TIMEOUT = Duration.ofMinutes(5);

  /** What undoes a failed init: its static Pods, etcd's data, certificates and kubeconfigs. */
  static final String UNDO_FAILED_INIT =
      "kubeadm reset --force --cri-socket " + KubeadmConfig.CRI_SOCKET;

  private final SshConnections connections;
  private final StepExecutor executor;
  private final AllowedRoots roots;

  ClusterInit(SshConnections connections, StepExecutor executor, AllowedRoots roots) {
    this.connections = connections;
    this.executor = executor;
    this.roots = roots;
  }

  InitResult run(InitInput input) {
    long started = System.currentTimeMillis();
    // Before kubeadm init: an admin.conf that could not be saved must not leave a cluster behind.
    Path adminConf = roots.check("adminConfPath", input.adminConfPath());
    RemoteShell shell = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    // A kubeadm init that failed (or whose host went down under it) leaves admin.conf, written in
    // its kubeconfig phase, and the step's check would adopt the half-made control plane: every
    // later attempt then failed on kubectl, not on what broke init. Nothing joined a cluster whose
    // init never finished, so kubeadm reset undoes it and init runs again, reporting its own error.
    if (executor.failedBefore(shell, input.initStep())) {
      shell.runOk(
          RemoteCommand.of(UNDO_FAILED_INIT, RESET_TIMEOUT)
              .withSummary("kubeadm reset after a failed kubeadm init"),
          "undo the failed kubeadm init");
    }
    boolean adopted = shell.run("test -f " + ClusterQueries.ADMIN_CONF, QUICK).ok();
    // The step's init action is guarded by admin.conf and detached, so it runs at most once.
    executor.apply(shell, input.initStep());
    AdminConfCopy.fetch(shell, adminConf);
    BootstrapTokens.delete(shell, KubeadmConfig.INIT_TOKEN);
    return new InitResult(adopted, input.adminConfPath(), System.currentTimeMillis() - started);
  }
}
