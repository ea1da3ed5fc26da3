package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha certs schedule -f FILE: a Temporal Schedule that checks and renews the cluster's
 * certificates.
 */
@Command(
    name = "schedule",
    header = "Renew certificates on a Temporal Schedule",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha certs schedule -f cluster.yaml --every 24h --within 30d",
      "  ./kubeha certs schedule -f cluster.yaml --pause"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Creates (or updates) the Temporal Schedule kubeha-CLUSTER-certs-renewal: every --every it runs the"
          + " certificate workflow of `certs renew --within`, each run a workflow in the UI with its result. A run that"
          + " finds another operation of the cluster running renews nothing and says so; runs never overlap (a run"
          + " still going when the next is due makes it skip).",
      "--pause, --unpause and --delete act on the existing Schedule; `temporal schedule describe` reads it too."
    })
public final class CertsScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      defaultValue = "24h",
      description = "How often it checks (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(
      names = "--within",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "Renew a control plane holding a certificate that expires within this (default: ${DEFAULT-VALUE}).")
  String within;

  @ArgGroup(exclusive = true)
  ClusterSchedules.Change change;

  @Override
  public Integer call() {
    Duration interval = DurationText.parse("--every", every);
    Duration window = DurationText.parse("--within", within);
    Inventory inv = InventoryFile.require(inventory.file(), true);
    String cluster = inv.clusterName();
    String id = WorkflowIds.certificateSchedule(cluster);
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), true)) {
      if (change != null) {
        return ClusterSchedules.change(
            connection, id, change, "./kubeha certs schedule -f FILE --every 24h", out);
      }
      ClusterSchedules.upsert(connection, id, schedule(inv, interval, window), out);
      out.println(
          "Every "
              + every
              + " it checks every control plane's certificates of cluster "
              + cluster
              + " and renews, one control plane at a time, where one expires within "
              + within
              + ".");
      ClusterSchedules.printNext(connection, id, out);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * The Schedule: the renewal workflow with this inventory, at the interval, never two runs at
   * once.
   */
  static Schedule schedule(Inventory inv, Duration interval, Duration window) {
    String cluster = inv.clusterName();
    // No static summary: this SDK's ScheduleHandle.describe() cannot decode an action that has one.
    WorkflowOptions options =
        WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, null))
            .setWorkflowId(WorkflowIds.certificateSchedule(cluster))
            .build();
    return ClusterSchedules.every(
        interval,
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ClusterCertificates.class)
            .setArguments(
                CertificatesInput.scheduled(
                    inv, RunStarter.adminConf(cluster).toString(), window.toSeconds()))
            .setOptions(options)
            .build(),
        "kubeha certs schedule");
  }
}
