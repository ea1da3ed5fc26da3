package io.kubeha.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kubeha checkout: the kubeha.project system property (set by ./kubeha), else the nearest
 * parent with a ./kubeha launcher.
 */
public final class ProjectDir {
  private ProjectDir() {}

  public static Optional<Path> find() {
    String prop = System.getProperty("kubeha.project");
    if (prop != null) {
      return Optional.of(Path.of(prop));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("kubeha")) && Files.isDirectory(p.resolve("workflows"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
