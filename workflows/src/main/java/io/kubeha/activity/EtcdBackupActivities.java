package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * etcd snapshots of a stacked-etcd control plane with the real etcdctl and etcdutl, and the
 * operator's copies of them. Each call adopts what an earlier attempt did; a snapshot's bytes
 * travel host to operator and never through Temporal.
 */
@ActivityInterface
public interface EtcdBackupActivities {

  /**
   * The etcd release the node's stacked etcd runs, from its static Pod's image
   * (registry.k8s.io/etcd:3.7.0-0 → 3.7.0).
   */
  @ActivityMethod(name = "EtcdVersion")
  String etcdVersion(SshTarget controlPlane);

  /**
   * etcdctl snapshot save on the node's local member, then etcdutl snapshot status and its SHA-256
   * there.
   */
  @ActivityMethod(name = "SaveEtcdSnapshot")
  EtcdSnapshot saveSnapshot(SnapshotInput input);

  /**
   * Copies the node's snapshot into dir (mode 600), checks its SHA-256, records it beside it,
   * removes it from the node.
   */
  @ActivityMethod(name = "FetchEtcdSnapshot")
  EtcdSnapshot fetchSnapshot(FetchSnapshotInput input);

  /** The snapshots recorded in dir, oldest first. */
  @ActivityMethod(name = "ListEtcdSnapshots")
  List<EtcdSnapshot> listSnapshots(String dir);

  /** Deletes the oldest snapshots of dir beyond keep, each with its record; the names deleted. */
  @ActivityMethod(name = "PruneEtcdSnapshots")
  List<String> pruneSnapshots(PruneSnapshotsInput input);
}
