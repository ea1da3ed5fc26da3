package io.kubeha.activities;

import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.steps.PrivateFiles;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The operator's copy of a control plane's admin.conf: read as a secret (never logged), written
 * mode 600.
 */
final class AdminConfCopy {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private AdminConfCopy() {}

  static void fetch(RemoteShell controlPlane, Path path) {
    String adminConf =
        controlPlane
            .runOk(
                RemoteCommand.of("cat " + ClusterQueries.ADMIN_CONF, QUICK)
                    .asSecret("read admin.conf"),
                "fetch admin.conf")
            .stdout();
    saveOwnerOnly(path, adminConf);
  }

  /** Writes atomically with mode 600: the file holds cluster-admin credentials. */
  private static void saveOwnerOnly(Path path, String content) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      PrivateFiles.directories(dir);
      Path temp = PrivateFiles.temp(dir, ".admin", ".conf");
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "cannot save admin.conf to " + path + ": " + e.getMessage(), "LocalWriteFailed");
    }
  }
}
