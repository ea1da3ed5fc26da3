package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha upgrade --to VERSION -f FILE: a rolling upgrade one minor version up, approved at its
 * gate.
 */
@Command(
    name = "upgrade",
    header = "Upgrade the cluster one minor version, node by node",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha upgrade --to 1.37.2 -f cluster.yaml",
      "  ./kubeha upgrade --to 1.37.2 -f cluster.yaml --yes --max-unavailable 2"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Rolls the cluster to VERSION, one minor at a time (kubeadm's rule): preflight and kubeadm upgrade"
          + " plan on the first control plane, the approval gate, then the first control plane (kubeadm upgrade apply),"
          + " the others one at a time, the workers at most --max-unavailable at a time; each node drained, its"
          + " packages upgraded, kubeadm upgrade node, the kubelet restarted and Ready at VERSION, uncordoned.",
      "A node that fails stops the roll there. Set spec.kubernetes.version in the inventory to VERSION afterwards."
    })
public final class UpgradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;
  @Mixin GateAnswerOptions answer;
  @Mixin DrainTimeoutOption drainTimeout;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "VERSION",
      description = "The Kubernetes version, e.g. 1.37.2.")
  String to;

  @Option(
      names = "--max-unavailable",
      paramLabel = "N",
      defaultValue = "1",
      description = "Workers upgraded at once (default: ${DEFAULT-VALUE}).")
  int maxUnavailable;

  @Override
  public Integer call() throws Exception {
    String version = UpgradeTarget.version(to);
    if (maxUnavailable < 1) {
      throw new BadInputException("--max-unavailable must be at least 1, was " + maxUnavailable);
    }
    int timeoutSeconds = drainTimeout.seconds();
    Inventory target =
        UpgradeTarget.atVersion(
            inventory.file(), InventoryFile.require(inventory.file(), true), version);
    answer.require("upgrade");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String cluster = target.clusterName();
      ClusterUpgrade stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterUpgrade.class,
                  OperationStart.options(cluster, "Upgrade cluster " + cluster + " to " + to));
      // --yes approves at the gate, through the update; it never skips the gate.
      UpgradeInput input = new UpgradeInput(target, maxUnavailable, timeoutSeconds, false);
      return new GatedStart(connection, cluster, Operations.UPGRADE, out, err)
          .run("upgrade to " + to, () -> WorkflowClient.start(stub::run, input), answer, false);
    }
  }
}
