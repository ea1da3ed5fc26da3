package io.kubeha.starter;

import io.kubeha.activities.SnapshotStore;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.inventory.Inventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** kubeha backup list -f FILE: the cluster's snapshots kept on this machine, oldest first. */
@Command(
    name = "list",
    header = "List the etcd snapshots kept",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha backup list -f cluster.yaml"},
    mixinStandardHelpOptions = true,
    description =
        "Lists the cluster's etcd snapshots kept in --dir, oldest first: age, control plane, revision, keys,"
            + " size, SHA-256. It reads the directory only (run it where the worker keeps them).")
public final class BackupListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BackupTarget target;
  @Mixin OutputOption output;

  @Override
  public Integer call() {
    Inventory inv = target.inventory("backup list");
    Path dir = target.dir(inv);
    List<EtcdSnapshot> snapshots = new SnapshotStore(dir).list();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Json.pretty(snapshots));
    } else if (snapshots.isEmpty()) {
      out.println(
          "No snapshots of cluster "
              + inv.clusterName()
              + " in "
              + dir
              + " (take one: ./kubeha backup -f FILE).");
    } else {
      lines(snapshots, Instant.now()).forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static List<String> lines(List<EtcdSnapshot> snapshots, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SNAPSHOT", "AGE", "HOST", "REVISION", "KEYS", "SIZE", "SHA-256"));
    for (EtcdSnapshot s : snapshots) {
      rows.add(
          List.of(
              s.name(),
              age(Instant.parse(s.takenAt()), now),
              s.host(),
              Long.toString(s.revision()),
              Long.toString(s.totalKeys()),
              Long.toString(s.totalSize()),
              s.sha256().substring(0, 12)));
    }
    return Columns.aligned(rows, "", 2);
  }

  /** 45s, 12m, 5h, 3d. */
  static String age(Instant taken, Instant now) {
    Duration d = Duration.between(taken, now);
    if (d.toDays() > 0) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h";
    }
    return d.toMinutes() > 0 ? d.toMinutes() + "m" : Math.max(0, d.toSeconds()) + "s";
  }
}
