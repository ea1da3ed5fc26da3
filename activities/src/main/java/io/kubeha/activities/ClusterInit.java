package io.kubeha.activities;

import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.StepExecutor;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** kubeadm init on the first master through its step (adopting an earlier init), then admin.conf to the operator. */
final class ClusterInit {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private final SshConnections connections;
  private final StepExecutor executor;

  ClusterInit(SshConnections connections, StepExecutor executor) {
    this.connections = connections;
    this.executor = executor;
  }

  InitResult run(InitInput input) {
    long started = System.currentTimeMillis();
    RemoteShell shell = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    boolean adopted = shell.run("test -f " + ClusterQueries.ADMIN_CONF, QUICK).ok();
    // The step's init action is guarded by admin.conf and detached, so it runs at most once.
    executor.apply(shell, input.initStep());
    String adminConf = shell.runOk(RemoteCommand.of("cat " + ClusterQueries.ADMIN_CONF, QUICK)
        .asSecret("read admin.conf"), "fetch admin.conf").stdout();
    saveOwnerOnly(Path.of(input.adminConfPath()), adminConf);
    return new InitResult(adopted, input.adminConfPath(), System.currentTimeMillis() - started);
  }

  /** Writes atomically with mode 600: the file holds cluster-admin credentials. */
  private static void saveOwnerOnly(Path path, String content) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".admin", ".conf",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("cannot save admin.conf to " + path + ": " + e.getMessage(), "LocalWriteFailed");
    }
  }
}
