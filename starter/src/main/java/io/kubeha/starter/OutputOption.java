package io.kubeha.starter;

import picocli.CommandLine.Option;

/** --output text|json: how a command prints its result (a mixin). */
public final class OutputOption {
  /** The formats a command can print. */
  public enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json, for scripts. One of: ${COMPLETION-CANDIDATES}.")
  Format format = Format.text;

  public boolean json() {
    return format == Format.json;
  }
}
