package io.kubeha.starter;

import picocli.CommandLine.Option;

/** --drain-timeout: how long kubectl drain may take per node (a mixin). */
final class DrainTimeoutOption {
  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description =
          "How long kubectl drain may take per node (e.g. 90s, 5m, 1h; default: ${DEFAULT-VALUE}).")
  String drainTimeout;

  /** The timeout in seconds; a clear error naming the option when it is no duration. */
  int seconds() {
    return (int) DurationText.parse("--drain-timeout", drainTimeout).toSeconds();
  }
}
