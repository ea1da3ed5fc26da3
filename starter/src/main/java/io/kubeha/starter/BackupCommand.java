package io.kubeha.starter;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.backup.BackupInput;
import io.kubeha.workflow.backup.BackupResult;
import io.kubeha.workflow.backup.ClusterBackup;
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

/** kubeha backup -f FILE: one etcd snapshot now, copied to the operator's side. */
@Command(
    name = "backup",
    header = "Take an etcd snapshot now (backup list, backup schedule)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha backup -f cluster.yaml", "  ./kubeha backup -f cluster.yaml --keep 7"},
    mixinStandardHelpOptions = true,
    subcommands = {BackupListCommand.class, BackupScheduleCommand.class},
    description = {
      "Takes one etcd snapshot now: on a healthy control plane (the next after the one that took the"
          + " newest snapshot kept), the real etcdctl snapshot save, read with etcdutl snapshot status (revision, keys,"
          + " size, hash), copied to --dir on the worker's machine with its SHA-256 checked and recorded beside it.",
      "It runs beside any operation, as workflow kubeha-CLUSTER-backup. The snapshot holds every Secret of the"
          + " cluster: it is kept mode 600 and never enters Temporal. ./kubeha restore --snapshot FILE brings it back."
    })
public final class BackupCommand implements Callable<Integer> {
  private static final long WAIT_MINUTES = 30;

  @Spec CommandSpec spec;
  @Mixin BackupTarget target;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--keep",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Afterwards keep the newest N snapshots of the directory, deleting the oldest (default: keep all).")
  int keep;

  @Override
  public Integer call() {
    if (keep < 0) {
      throw new BadInputException("--keep must be 0 (keep all) or more, was " + keep);
    }
    Inventory inv = target.inventory("backup");
    BackupTarget.requireEtcdChecksum(inv);
    Path dir = target.dir(inv);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String cluster = inv.clusterName();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      target.warn(connection, inv, dir, err);
      // A second backup asked while one runs waits for the same snapshot.
      WorkflowOptions options =
          OperationStart.beside(
              cluster, WorkflowIds.backup(cluster), "Take an etcd snapshot of cluster " + cluster);
      ClusterBackup backup = connection.client().newWorkflowStub(ClusterBackup.class, options);
      WorkflowClient.start(backup::run, new BackupInput(inv, dir.toString(), keep, false));
      out.println(
          "Taking an etcd snapshot of cluster "
              + cluster
              + " (workflow "
              + WorkflowIds.backup(cluster)
              + "), to be kept in "
              + dir);
      out.flush();
      BackupResult result;
      try {
        result =
            WorkflowStub.fromTyped(backup)
                .getResult(WAIT_MINUTES, TimeUnit.MINUTES, BackupResult.class);
      } catch (TimeoutException e) {
        err.println(
            "kubeha: the backup of "
                + cluster
                + " has not finished within "
                + WAIT_MINUTES
                + " minutes; it goes"
                + " on as workflow "
                + WorkflowIds.backup(cluster));
        err.flush();
        return ExitCodes.FAILURE;
      } catch (WorkflowException e) {
        err.println("kubeha: the backup of " + cluster + " failed: " + FailureText.of(e));
        err.flush();
        return ExitCodes.FAILURE;
      }
      describe(result.snapshot(), out);
      if (!result.pruned().isEmpty()) {
        out.println("Deleted (--keep " + keep + "): " + String.join(", ", result.pruned()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static void describe(EtcdSnapshot s, PrintWriter out) {
    out.println("Snapshot " + s.path());
    out.println(
        "  taken "
            + s.takenAt()
            + " on "
            + s.host()
            + ": revision "
            + s.revision()
            + ", "
            + s.totalKeys()
            + " keys, "
            + s.totalSize()
            + " bytes, hash "
            + s.hash());
    out.println("  SHA-256 " + s.sha256());
  }
}
