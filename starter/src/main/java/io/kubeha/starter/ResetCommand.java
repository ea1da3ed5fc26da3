package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.reset.ResetInput;
import io.kubeha.workflow.reset.ResetPlan;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * kubeha reset -f FILE: starts the reset, which waits at its gate; shows what goes, asks for the
 * cluster name typed back, approves, then watches the cluster go down.
 */
@Command(
    name = "reset",
    header = "Take the whole cluster down (asks for its name)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha reset -f cluster.yaml"},
    mixinStandardHelpOptions = true,
    description = {
      "Takes the whole cluster down: kubeadm reset on every node (workers, then control planes one at a"
          + " time), the Kubernetes packages, containerd, runc, the CNI plugins and their state removed, keepalived and"
          + " nginx stopped on the load balancers. The OS prep (hostname, /etc/hosts, sysctls, swap, chrony) stays.",
      "The run waits at its approval gate before it touches any host: the CLI shows the plan and asks for the"
          + " cluster name typed back; --yes sends the approval without asking; --detach leaves the run at its gate for"
          + " ./kubeha approve. ./kubeha up afterwards builds the cluster anew."
    })
public final class ResetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;
  @Mixin GateAnswerOptions answer;

  @Override
  public Integer call() throws InterruptedException {
    Inventory inv = InventoryFile.require(inventory.file(), true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    answer.require("reset", () -> ResetPlan.text(inv), out);
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String cluster = inv.clusterName();
      ClusterReset stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterReset.class, OperationStart.options(cluster, "Reset cluster " + cluster));
      return new GatedStart(connection, cluster, Operations.RESET, out, err)
          .run("reset", () -> WorkflowClient.start(stub::run, new ResetInput(inv)), answer, true);
    }
  }
}
