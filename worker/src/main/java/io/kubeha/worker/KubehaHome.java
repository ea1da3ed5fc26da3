package io.kubeha.worker;

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
}
