package io.kubeha.starter;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha certs renew -f FILE: renews the certificates due, one control plane at a time. */
@Command(
    name = "renew",
    header = "Renew the control planes' certificates now",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha certs renew -f cluster.yaml --within 60d",
      "  ./kubeha certs renew -f cluster.yaml --all --yes"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Checks every control plane's certificates, then on each that holds one expiring within --within"
          + " (or every one, with --all), one control plane at a time: kubeadm certs renew all, then its etcd,"
          + " kube-apiserver, kube-controller-manager and kube-scheduler restarted one by one, each healthy before the"
          + " next, so the API stays up through the other control planes. Then the saved admin.conf is refreshed.",
      "It is an operation of the cluster (workflow kubeha-CLUSTER): watch, status and cancel follow it."
    })
public final class CertsRenewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--within",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "Renew a control plane holding a certificate that expires within this (default: ${DEFAULT-VALUE}).")
  String within;

  @Option(names = "--all", description = "Renew on every control plane, whatever the expiry.")
  boolean all;

  @Option(
      names = {"-y", "--yes"},
      description = "Renew without asking.")
  boolean yes;

  @Option(
      names = {"-d", "--detach"},
      description = "Start the renewal and return without watching it.")
  boolean detach;

  @Override
  public Integer call() {
    Duration window = DurationText.parse("--within", within);
    Inventory inv = InventoryFile.require(inventory.file(), true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String cluster = inv.clusterName();
    out.println(
        "Renewing the certificates of cluster "
            + cluster
            + " on "
            + (all
                ? "every control plane"
                : "each control plane holding one that expires within " + within)
            + ", one at"
            + " a time: "
            + String.join(", ", inv.controlPlanes().stream().map(HostSpec::name).toList())
            + ".");
    out.println(
        "  each: kubeadm certs renew all; etcd, kube-apiserver, kube-controller-manager, kube-scheduler"
            + " restarted one by one; then "
            + RunStarter.adminConf(cluster)
            + " replaced by a renewed admin.conf");
    out.flush();
    if (!Prompt.confirm(yes, "Renew?")) {
      out.println("Nothing was renewed.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    try (TemporalConnection connection = temporal.connect(err, true)) {
      ClusterCertificates stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterCertificates.class,
                  OperationStart.options(cluster, "Renew the certificates of cluster " + cluster));
      CertificatesInput input =
          CertificatesInput.renewal(
              inv,
              RunStarter.adminConf(cluster).toString(),
              all ? Long.MAX_VALUE : window.toSeconds());
      return OperationStart.startAndWatch(
          connection,
          cluster,
          "certificate renewal",
          () -> WorkflowClient.start(stub::run, input),
          detach,
          out,
          err);
    }
  }
}
