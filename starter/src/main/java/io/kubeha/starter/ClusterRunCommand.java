package io.kubeha.starter;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command about one cluster's run ([CLUSTER]): connects to Temporal, finds the cluster, then does
 * its work on that run.
 */
abstract class ClusterRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterArgument cluster;
  @Mixin TemporalOptions temporal;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), true)) {
      return callOn(connection, cluster.resolve(connection), out);
    }
  }

  /** The exit code of the work on the run of the cluster called name. */
  abstract int callOn(TemporalConnection connection, String name, PrintWriter out);
}
