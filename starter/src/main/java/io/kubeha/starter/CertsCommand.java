package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.CertificatesResult;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha certs -f FILE: each control plane's certificate expiry, from the real kubeadm on the node.
 */
@Command(
    name = "certs",
    header = "Show certificate expiry (certs renew, certs schedule)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha certs -f cluster.yaml", "  ./kubeha certs -f cluster.yaml --output json"},
    mixinStandardHelpOptions = true,
    subcommands = {CertsRenewCommand.class, CertsScheduleCommand.class},
    description = {
      "Prints each control plane's certificates and CAs with their expiry (kubeadm certs check-expiration"
          + " on every control plane, in parallel), then the soonest to expire. It only reads: it runs beside any"
          + " operation, as workflow kubeha-CLUSTER-certs.",
      "kubeadm issues certificates for one year; ./kubeha certs renew renews them."
    })
public final class CertsCommand implements Callable<Integer> {
  private static final long WAIT_MINUTES = 5;

  @Spec CommandSpec spec;

  // Not the shared required mixin: `certs renew -f FILE` must not need one on `certs` too.
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The inventory YAML (see examples/runbook.yaml).")
  Path file;

  @Mixin TemporalOptions temporal;
  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    if (file == null) {
      throw new BadInputException(
          "missing -f FILE: the cluster's inventory (./kubeha certs -f examples/runbook.yaml)");
    }
    Inventory inv = InventoryFile.require(file, true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      String cluster = inv.clusterName();
      // One check at a time per cluster: a second asked while one runs waits for the same answer.
      WorkflowOptions options =
          OperationStart.beside(
              cluster, WorkflowIds.certificates(cluster), "Check the certificates of " + cluster);
      ClusterCertificates check =
          connection.client().newWorkflowStub(ClusterCertificates.class, options);
      WorkflowClient.start(check::run, CertificatesInput.check(inv));
      CertificatesResult result;
      try {
        result =
            WorkflowStub.fromTyped(check)
                .getResult(WAIT_MINUTES, TimeUnit.MINUTES, CertificatesResult.class);
      } catch (TimeoutException e) {
        err.println(
            "kubeha: the certificate check of "
                + cluster
                + " gave no answer within "
                + WAIT_MINUTES
                + " minutes; it goes on as workflow "
                + WorkflowIds.certificates(cluster));
        err.flush();
        return ExitCodes.FAILURE;
      } catch (WorkflowException e) {
        err.println(
            "kubeha: the certificate check of " + cluster + " failed: " + FailureText.of(e));
        err.flush();
        return ExitCodes.FAILURE;
      }
      if (output.json()) {
        out.println(Json.pretty(result.before()));
      } else {
        CertificateTable.lines(result.before()).forEach(out::println);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
