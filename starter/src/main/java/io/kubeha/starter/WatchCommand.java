package io.kubeha.starter;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha watch [CLUSTER]: follow a run live until it ends. */
@Command(
    name = "watch",
    header = "Follow a cluster's running operation live",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha watch prod-a"},
    mixinStandardHelpOptions = true,
    description = {
      "Follows a cluster's run live until it ends: the phase and a per-host table.",
      "At init's approval gate it shows the init plan and asks; at a day-2 operation's gate it says how to"
          + " approve (--yes approves it, naming the cluster). Ctrl-C detaches and leaves the run going."
    })
public final class WatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterArgument cluster;
  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-y", "--yes"},
      description = "Approve the run at its approval gate, when it waits there, without asking.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String name = cluster.resolve(connection);
      connection.uiUrl(name).ifPresent(url -> out.println("Temporal UI: " + url));
      return new RunWatcher(connection, name, out, err, yes).watch();
    }
  }
}
