package io.kubeha.worker;

import io.kubeha.steps.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where kubeha keeps its state on the operator's machine: $KUBEHA_HOME, default
 * ~/.local/state/kubeha.
 */
public final class KubehaHome {
  private KubehaHome() {}

  public static Path dir() {
    String env = System.getenv("KUBEHA_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "kubeha");
  }

  /** The home, created rwx------ or made so; a home that was wider is noted on err. */
  public static Path create(PrintWriter err) {
    return create(dir(), err);
  }

  static Path create(Path home, PrintWriter err) {
    try {
      PrivateFiles.directories(home);
      // Everything below is then unreachable to others, whatever its own mode.
      PrivateFiles.ownerOnly(home)
          .ifPresent(
              was -> {
                err.println(
                    "kubeha: "
                        + home
                        + " was "
                        + was
                        + "; made it rwx------ (it holds admin.conf, snapshots and the dev"
                        + " server's history)");
                err.flush();
              });
      return home;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot make kubeha's home " + home + " its owner's only: " + e.getMessage(), e);
    }
  }
}
