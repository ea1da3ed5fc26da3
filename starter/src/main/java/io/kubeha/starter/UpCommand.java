package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.engine.WorkflowIds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha up -f FILE: validate, start the bring-up (or attach to the one going), and watch it to the
 * end.
 */
@Command(
    name = "up",
    header = "Bring the cluster up (or add hosts), and watch it",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha up -f cluster.yaml",
      "  ./kubeha up -f cluster.yaml --yes --prove-failover",
      "  ./kubeha up -f cluster.yaml --detach && ./kubeha watch prod-a",
      "  ./kubeha up -f cluster.yaml --bundle cluster.bundle"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Validates the inventory (nothing is contacted when it has problems), starts the cluster's bring-up"
          + " or attaches to the run already going, then watches it until it ends.",
      "At the approval gate it shows the init plan and asks; Ctrl-C detaches and leaves the run going."
    })
public final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-y", "--yes"},
      description = "Approve kubeadm init without asking.")
  boolean yes;

  @Option(
      names = "--prove-failover",
      description =
          "After verification, stop the first load balancer's keepalived,"
              + " check the VIP moves and the API still answers, then restore it.")
  boolean proveFailover;

  @Option(
      names = "--phase-by-phase",
      description =
          "Run the phases one after the other, each a barrier, instead of the bring-up's dependency"
              + " graph (where each host's work starts once what it needs is done; docs/graph.md).")
  boolean phaseByPhase;

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      description =
          "Install from this bundle (./kubeha bundle create), as spec.artifacts.bundle: the load"
              + " balancers serve it to the nodes, nothing else is fetched.")
  Path bundle;

  @Option(
      names = {"-d", "--detach"},
      description = "Start (or find) the run and return without watching it.")
  boolean detach;

  @Override
  public Integer call() {
    Inventory inv = InventoryFile.require(inventory.file(), true, BundleOption.over(bundle));
    PrintWriter err = spec.commandLine().getErr();
    BundleCheck.require(inv, !phaseByPhase, spec.commandLine().getOut());
    try (TemporalConnection connection = temporal.connect(err, true)) {
      LocalPathsNote.warn(connection, LocalPathsNote.of(inv), err);
      return bringUp(
          connection,
          inv,
          yes,
          proveFailover,
          !phaseByPhase,
          detach,
          spec.commandLine().getOut(),
          err);
    }
  }

  /** Starts or attaches, then watches unless detached; the exit code of the whole. */
  static int bringUp(
      TemporalConnection connection,
      Inventory inv,
      boolean yes,
      boolean proveFailover,
      boolean graph,
      boolean detach,
      PrintWriter out,
      PrintWriter err) {
    String cluster = inv.clusterName();
    RunStarter.Start start;
    try {
      start = RunStarter.startOrAttach(connection, inv, yes, proveFailover, graph);
    } catch (ClusterBusy e) {
      err.println("kubeha: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    if (start.started()) {
      out.println(
          "Started the bring-up of cluster "
              + cluster
              + " (workflow "
              + WorkflowIds.cluster(cluster)
              + ", run "
              + start.runId()
              + ")");
    } else {
      out.println(
          "Attached to the bring-up of cluster "
              + cluster
              + " already going (run "
              + start.runId()
              + "); it keeps the inventory and options it started with");
    }
    connection.uiUrl(cluster).ifPresent(url -> out.println("Temporal UI: " + url));
    out.flush();
    if (detach) {
      out.println("Watch it with ./kubeha watch " + cluster);
      out.flush();
      return ExitCodes.OK;
    }
    return new RunWatcher(connection, cluster, out, err, yes).watch();
  }
}
