package io.kubeha.starter;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Artifacts;
import io.kubeha.plan.KubernetesRelease;
import io.kubeha.plan.MissingChecksumException;
import io.kubeha.plan.Releases;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * -f FILE and --dir DIR: the cluster whose etcd is backed up, and where its snapshots are kept (a
 * mixin).
 */
final class BackupTarget {
  // Not the shared required mixin: `backup list -f FILE` must not need one on `backup` too.
  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The inventory YAML (see examples/runbook.yaml).")
  Path file;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the snapshots are kept, on the worker's machine (default: $KUBEHA_HOME/clusters/CLUSTER/backups).")
  Path dir;

  /** The inventory, validated; bad input names what is wrong. */
  Inventory inventory(String command) {
    if (file == null) {
      throw new BadInputException(
          "missing -f FILE: the cluster's inventory (./kubeha "
              + command
              + " -f examples/runbook.yaml)");
    }
    return InventoryFile.require(file, true);
  }

  Path dir(Inventory inv) {
    return (dir == null ? RunStarter.backups(inv.clusterName()) : dir).toAbsolutePath();
  }

  /** The note on err when the local worker would refuse the inventory's files or the dir. */
  void warn(TemporalConnection connection, Inventory inv, Path dir, PrintWriter err) {
    Map<String, String> paths = LocalPathsNote.of(inv);
    paths.put("--dir", dir.toString());
    LocalPathsNote.warn(connection, paths, err);
  }

  /**
   * etcdctl and etcdutl come from etcd's release tarball, verified by SHA-256: when the release the
   * inventory's Kubernetes runs is known, say now if its checksum is not, before anything is
   * contacted.
   */
  static void requireEtcdChecksum(Inventory inv) {
    String version = inv.spec().kubernetes().version();
    for (KubernetesRelease r : Releases.KUBERNETES) {
      if (r.version().equals(version)) {
        try {
          Artifacts.etcd(inv, r.etcd());
        } catch (MissingChecksumException e) {
          throw new BadInputException(
              e.getMessage()
                  + " (etcd "
                  + r.etcd()
                  + " is what kubeadm "
                  + version
                  + " runs; the value is in https://github.com/etcd-io/etcd/releases/download/v"
                  + r.etcd()
                  + "/SHA256SUMS)");
        }
      }
    }
  }
}
