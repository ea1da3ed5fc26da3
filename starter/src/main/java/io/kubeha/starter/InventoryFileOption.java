package io.kubeha.starter;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** -f FILE: the inventory a command works on (a mixin shared by every command that reads one). */
public final class InventoryFileOption {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The inventory YAML (see examples/runbook.yaml).")
  Path file;

  public Path file() {
    return file;
  }
}
