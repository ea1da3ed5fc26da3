package io.kubeha.starter;

import io.kubeha.activities.SnapshotStore;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.restore.RestoreInput;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * kubeha restore --snapshot FILE -f FILE: disaster recovery of the cluster's etcd, approved at its
 * gate.
 */
@Command(
    name = "restore",
    header = "Restore the cluster's etcd from a snapshot (asks first)",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha backup list -f cluster.yaml",
      "  ./kubeha restore -f cluster.yaml --snapshot ~/prod-a-etcd.db"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Restores the cluster's etcd from a snapshot: checked on the operator's side and, uploaded, on every"
          + " control plane with etcdutl snapshot status; then the approval gate shows what will be lost; then every"
          + " control plane's API server, controller-manager, scheduler and etcd stop, each member's data is restored"
          + " from the snapshot into one new etcd cluster (the old data kept aside), etcd starts on all, then the"
          + " control plane, and the cluster is verified.",
      "It is an operation of the cluster (workflow kubeha-CLUSTER): watch, status and cancel follow it; a kill of"
          + " anything mid-restore resumes it. Every change made after the snapshot was taken is lost."
    })
public final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;
  @Mixin GateAnswerOptions answer;

  @Option(
      names = "--snapshot",
      required = true,
      paramLabel = "FILE",
      description =
          "The snapshot (one of ./kubeha backup list, or any etcdctl snapshot), on the worker's machine.")
  Path snapshot;

  @Override
  public Integer call() throws Exception {
    Inventory inv = InventoryFile.require(inventory.file(), true);
    Path file = snapshot.toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "--snapshot "
              + snapshot
              + ": no such file (./kubeha backup list -f FILE shows the"
              + " snapshots kept)");
    }
    BackupTarget.requireEtcdChecksum(inv);
    answer.require("restore");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String cluster = inv.clusterName();
    out.println(
        "Restoring the etcd of cluster "
            + cluster
            + " on "
            + String.join(", ", inv.controlPlanes().stream().map(HostSpec::name).toList())
            + " from "
            + file);
    EtcdSnapshot record = SnapshotStore.recordOf(file);
    if (record != null) {
      out.println(
          "  taken "
              + record.takenAt()
              + " on "
              + record.host()
              + " at revision "
              + record.revision());
    }
    out.println(
        "  every change made to the cluster after the snapshot is lost; the API is down while it runs");
    out.flush();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      Map<String, String> paths = LocalPathsNote.of(inv);
      paths.put("--snapshot", file.toString());
      LocalPathsNote.warn(connection, paths, err);
      ClusterRestore stub =
          connection
              .client()
              .newWorkflowStub(
                  ClusterRestore.class,
                  OperationStart.options(
                      cluster,
                      "Restore the etcd of cluster " + cluster + " from " + file.getFileName()));
      // --yes approves at the gate, through the update; it never skips the gate.
      RestoreInput input = new RestoreInput(inv, file.toString(), false);
      return new GatedStart(connection, cluster, Operations.RESTORE, out, err)
          .run("restore of etcd", () -> WorkflowClient.start(stub::run, input), answer, false);
    }
  }
}
