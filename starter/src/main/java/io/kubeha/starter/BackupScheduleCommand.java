package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.backup.BackupInput;
import io.kubeha.workflow.backup.ClusterBackup;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha backup schedule -f FILE --every 6h --keep 28: etcd snapshots on a Temporal Schedule. */
@Command(
    name = "schedule",
    header = "Take etcd snapshots on a Temporal Schedule",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha backup schedule -f cluster.yaml --every 6h --keep 28",
      "  ./kubeha backup schedule -f cluster.yaml --delete"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Creates (or updates) the Temporal Schedule kubeha-CLUSTER-backup: every --every it runs the"
          + " backup workflow of `kubeha backup`, then keeps the newest --keep snapshots. Each run is a workflow in the"
          + " UI with its result; runs never overlap (one still going when the next is due makes it skip).",
      "--pause, --unpause and --delete act on the existing Schedule; `temporal schedule describe` and"
          + " `temporal schedule trigger` work on it too."
    })
public final class BackupScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BackupTarget target;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      defaultValue = "6h",
      description = "How often it takes a snapshot (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(
      names = "--keep",
      paramLabel = "N",
      defaultValue = "28",
      description =
          "Snapshots kept, the oldest deleted first (default: ${DEFAULT-VALUE}: a week at 6h).")
  int keep;

  @ArgGroup(exclusive = true)
  ClusterSchedules.Change change;

  @Override
  public Integer call() {
    Duration interval = DurationText.parse("--every", every);
    if (keep < 1) {
      throw new BadInputException("--keep must be at least 1 for a Schedule, was " + keep);
    }
    Inventory inv = target.inventory("backup schedule");
    String cluster = inv.clusterName();
    String id = WorkflowIds.backup(cluster);
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), true)) {
      if (change != null) {
        return ClusterSchedules.change(
            connection, id, change, "./kubeha backup schedule -f FILE --every 6h", out);
      }
      BackupTarget.requireEtcdChecksum(inv);
      Path dir = target.dir(inv);
      target.warn(connection, inv, dir, spec.commandLine().getErr());
      ClusterSchedules.upsert(connection, id, schedule(inv, dir, interval, keep), out);
      out.println(
          "Every "
              + every
              + " it takes an etcd snapshot of cluster "
              + cluster
              + " into "
              + dir
              + " and keeps the newest "
              + keep
              + ".");
      ClusterSchedules.printNext(connection, id, out);
      out.flush();
      return ExitCodes.OK;
    }
  }

  static Schedule schedule(Inventory inv, Path dir, Duration interval, int keep) {
    String cluster = inv.clusterName();
    // No static summary: this SDK's ScheduleHandle.describe() cannot decode an action that has one.
    WorkflowOptions options =
        WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, null))
            .setWorkflowId(WorkflowIds.backup(cluster))
            .build();
    return ClusterSchedules.every(
        interval,
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ClusterBackup.class)
            .setArguments(new BackupInput(inv, dir.toString(), keep, true))
            .setOptions(options)
            .build(),
        "kubeha backup schedule");
  }
}
