package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.removal.RemovalPlan;
import io.kubeha.workflow.removal.RemovalRules;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * kubeha remove NODE... -f FILE: starts the removal, which waits at its gate; shows what will
 * happen, asks, approves, then watches the nodes drained, reset and removed.
 */
@Command(
    name = "remove",
    header = "Drain, reset and remove nodes (asks for the cluster name)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha remove kube-worker-3 -f cluster.yaml",
      "  ./kubeha remove kube-master-3 -f cluster.yaml --yes --drain-timeout 10m"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Removes nodes from the running cluster: cordon and drain (bounded by --drain-timeout, respecting"
          + " PodDisruptionBudgets), kubeadm reset on the node, kubectl delete node; for a control plane also its etcd"
          + " member and the load balancers' upstreams. Workers go in parallel, control planes one at a time.",
      "The run waits at its approval gate before it touches any host: the CLI shows the plan and asks for"
          + " the cluster name typed back; --yes sends the approval without asking; --detach leaves the run at its gate"
          + " for ./kubeha approve. A drain that does not finish stops that node's removal; it is never deleted anyway."
          + " Refuses to remove the last control plane or to break etcd's quorum.",
      "Afterwards drop the nodes from the inventory (or replace them and run up)."
    })
public final class RemoveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Parameters(
      arity = "1..*",
      paramLabel = "NODE",
      description = "Nodes to remove, by their name in the inventory.")
  List<String> nodes;

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description =
          "How long kubectl drain may take per node (e.g. 90s, 5m, 1h; default: ${DEFAULT-VALUE}).")
  String drainTimeout;

  @Option(
      names = {"-y", "--yes"},
      description = "Approve the removal at its gate without asking.")
  boolean yes;

  @Option(
      names = {"-d", "--detach"},
      description =
          "Start the removal and return without watching it (without --yes, it waits at its gate).")
  boolean detach;

  @Override
  public Integer call() throws InterruptedException {
    Inventory inv = InventoryFile.require(inventory.file(), true);
    Duration timeout = parseDuration("--drain-timeout", drainTimeout);
    List<String> problems = RemovalRules.check(inv, nodes);
    if (!problems.isEmpty()) {
      throw new BadInputException("cannot remove: " + String.join("; ", problems));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RemovalInput input = new RemovalInput(inv, List.copyOf(nodes), (int) timeout.toSeconds());
    if (!yes && !detach && !Prompt.available()) {
      out.print(RemovalPlan.text(inv, input.nodes(), input.drainTimeoutSeconds()));
      out.flush();
    }
    GatedStart.requireAnswer(yes, detach, "removal");
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String cluster = inv.clusterName();
      ClusterRemoveNodes stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterRemoveNodes.class,
                  OperationStart.options(
                      cluster, "Remove " + String.join(", ", nodes) + " from cluster " + cluster));
      return new GatedStart(connection, cluster, Operations.REMOVE_NODES, out, err)
          .run(
              "removal of " + String.join(", ", nodes),
              () -> WorkflowClient.start(stub::run, input),
              yes,
              detach,
              true);
    }
  }

  /** 90s, 5m, 1h, 30d, or plain seconds. */
  static Duration parseDuration(String option, String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)([smhd]?)").matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new BadInputException(
          option + " must be a positive duration like 90s, 5m, 1h or 30d, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
