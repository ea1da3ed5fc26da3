package io.kubeha.starter;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class WatchCommand extends ClusterRunCommand {

  @Option(
      names = {"-y", "--yes"},
      description = "Approve the run at its approval gate, when it waits there, without asking.")
  boolean yes;

  @Override
  int callOn(TemporalConnection connection, String name, PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    connection.uiUrl(name).ifPresent(url -> out.println("Temporal UI: " + url));
    return new RunWatcher(connection, name, out, err, yes).watch();
  }
}
