package io.kubeha.activities;

import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.KubeadmConfig;
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
    boolean adopted = shell.run("test -f " + ClusterQueries.ADMIN_CONF, QUICK).ok();
    // The step's init action is guarded by admin.conf and detached, so it runs at most once.
    executor.apply(shell, input.initStep());
    AdminConfCopy.fetch(shell, adminConf);
    BootstrapTokens.delete(shell, KubeadmConfig.INIT_TOKEN);
    return new InitResult(adopted, input.adminConfPath(), System.currentTimeMillis() - started);
  }
}
