package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.removal.RemovalPlan;
import io.kubeha.workflow.removal.RemovalRules;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
  @Mixin GateAnswerOptions answer;
  @Mixin DrainTimeoutOption drainTimeout;

  @Parameters(
      arity = "1..*",
      paramLabel = "NODE",
      description = "Nodes to remove, by their name in the inventory.")
  List<String> nodes;

  @Override
  public Integer call() throws InterruptedException {
    Inventory inv = InventoryFile.require(inventory.file(), true);
    int timeoutSeconds = drainTimeout.seconds();
    List<String> problems = RemovalRules.check(inv, nodes);
    if (!problems.isEmpty()) {
      throw new BadInputException("cannot remove: " + String.join("; ", problems));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RemovalInput input = new RemovalInput(inv, List.copyOf(nodes), timeoutSeconds);
    answer.require(
        "removal", () -> RemovalPlan.text(inv, input.nodes(), input.drainTimeoutSeconds()), out);
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
              answer,
              true);
    }
  }
}
