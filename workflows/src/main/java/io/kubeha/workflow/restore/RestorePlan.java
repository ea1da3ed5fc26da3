package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.activity.RestoreNodeInput;
import java.util.List;

/**
 * The text an operator approves a restore on: the snapshot, what will be lost, and what will
 * happen.
 */
public final class RestorePlan {
  /** Where each control plane's etcd data was before, kept until the operator deletes it. */
  public static String previousDataDir(String restoreId) {
    return "/var/lib/etcd.kubeha-before-" + restoreId;
  }

  private RestorePlan() {}

  /**
   * How far the restored revision moves on from the snapshot's: past etcd's revision now, with room
   * to spare. A fixed bump falls short once a restore has bumped before: the same snapshot restored
   * again came back below what the kubelets had seen, and their watches missed every change until
   * the count caught up (a Pod's deletion, never carried out).
   */
  static long revisionBump(EtcdStatus now, EtcdSnapshot snapshot) {
    long behind =
        now != null && now.answered() ? Math.max(0, now.revision() - snapshot.revision()) : 0;
    return behind + RestoreNodeInput.MIN_BUMP;
  }

  static String text(
      String cluster,
      LocalSnapshot local,
      EtcdSnapshot read,
      EtcdStatus before,
      List<String> masters,
      String restoreId,
      long bumpRevision) {
    StringBuilder b = new StringBuilder();
    b.append("Restore the etcd of cluster ")
        .append(cluster)
        .append(" from ")
        .append(local.path())
        .append('\n');
    if (local.record() != null) {
      b.append("  taken ")
          .append(local.record().takenAt())
          .append(" on ")
          .append(local.record().host())
          .append('\n');
    } else {
      b.append("  not taken by kubeha (no record beside it): when it was taken is unknown\n");
    }
    b.append("  read with etcdutl on every control plane: revision ")
        .append(read.revision())
        .append(", ")
        .append(read.totalKeys())
        .append(" keys, ")
        .append(read.totalSize())
        .append(" bytes, hash ")
        .append(read.hash())
        .append(", SHA-256 ")
        .append(local.sha256())
        .append('\n');
    if (before.answered()) {
      b.append("What is lost: etcd is at revision ")
          .append(before.revision())
          .append(" now (asked through ")
          .append(before.host())
          .append("): every change after the snapshot");
      if (before.revision() > read.revision()) {
        b.append(", ").append(before.revision() - read.revision()).append(" revisions,");
      }
      b.append(" is lost.\n");
    } else {
      b.append("What is lost: etcd did not answer through ")
          .append(before.host())
          .append(", so its revision now is unknown; every change after the snapshot is lost.\n");
    }
    b.append("Then, on ").append(String.join(", ", masters)).append(":\n");
    b.append(
        "  1. kube-apiserver, kube-controller-manager, kube-scheduler and etcd stop on every control plane: the"
            + " API is down until step 4.\n");
    b.append(
            "  2. each member's data is restored from the snapshot into one new etcd cluster; the old data is kept at ")
        .append(previousDataDir(restoreId))
        .append(".\n");
    if (bumpRevision > 0) {
      b.append("     Its revision moves on to ")
          .append(read.revision() + bumpRevision)
          .append(", past every revision a client has seen, so each lists again.\n");
    }
    b.append(
        "  3. etcd starts on every control plane and must be healthy (a leader, every member).\n");
    b.append(
        "  4. the control plane starts on each; the cluster is verified (nodes Ready, one etcd member per control"
            + " plane, the API through the endpoint).\n");
    b.append(
        "If a step of 1-4 fails, or the restore is cancelled then, every control plane is put back on the etcd"
            + " data it had and started again.\n");
    return b.toString();
  }
}
