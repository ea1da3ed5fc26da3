package io.kubeha.starter;

import picocli.CommandLine.Parameters;

/**
 * [CLUSTER]: the cluster a command is about; by default the only cluster that has runs (a mixin).
 */
public final class ClusterArgument {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "CLUSTER",
      description =
          "The cluster (metadata.name of its inventory). Default: the only cluster with runs.")
  String cluster;

  /** The named cluster when it has a run, else the only one with runs; exit 2 otherwise. */
  String resolve(TemporalConnection connection) {
    return ClusterRuns.resolve(connection, cluster);
  }

  String named() {
    return cluster;
  }
}
