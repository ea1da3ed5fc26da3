package io.kubeha.starter;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.ClusterReset;
import io.kubeha.workflow.ResetInput;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha reset -f FILE: shows what goes, asks for the cluster name typed back, then takes the
 * cluster down.
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
      "Asks for the cluster name typed back (or --yes). ./kubeha up afterwards builds the cluster anew."
    })
public final class ResetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-y", "--yes"},
      description = "Reset without asking.")
  boolean yes;

  @Option(
      names = {"-d", "--detach"},
      description = "Start the reset and return without watching it.")
  boolean detach;

  @Override
  public Integer call() {
    Inventory inv = InventoryFile.require(inventory.file(), true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println(
        "Resetting cluster "
            + inv.clusterName()
            + ": every workload and all cluster state (etcd) are lost.");
    out.println(
        "  nodes "
            + String.join(", ", inv.nodes().stream().map(HostSpec::name).toList())
            + ": kubeadm reset, then kubelet, kubeadm, kubectl, containerd, runc, the CNI plugins and their state removed");
    if (inv.hasLoadBalancers()) {
      out.println(
          "  load balancers "
              + String.join(", ", inv.loadBalancers().stream().map(HostSpec::name).toList())
              + ": keepalived and nginx stopped and disabled (the VIP "
              + inv.spec().controlPlaneEndpoint().vip()
              + " goes)");
    }
    out.flush();
    if (!Prompt.confirmByTyping(yes, inv.clusterName(), "This cannot be undone.")) {
      out.println("Nothing was reset.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String cluster = inv.clusterName();
      ClusterReset stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterReset.class, OperationStart.options(cluster, "Reset cluster " + cluster));
      return OperationStart.startAndWatch(
          connection,
          cluster,
          "reset",
          () -> WorkflowClient.start(stub::run, new ResetInput(inv)),
          detach,
          out,
          err);
    }
  }
}
