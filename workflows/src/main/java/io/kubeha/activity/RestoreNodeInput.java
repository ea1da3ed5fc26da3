package io.kubeha.activity;

/**
 * One control plane's part of restore restoreId (the run's id): the snapshot (its local path on the
 * operator's side, its SHA-256), and the etcd member the node becomes in the restored cluster
 * (name, peer URL, the whole initial cluster "name=url,...", a new cluster token), and how far
 * etcdutl moves the restored revision on: past every revision a client saw before the restore, so
 * each watcher lists again instead of trusting its cache (0, in runs from before: 1,000,000,000).
 */
public record RestoreNodeInput(
    SshTarget node,
    String restoreId,
    String snapshotPath,
    String snapshotSha256,
    String memberName,
    String peerUrl,
    String initialCluster,
    String clusterToken,
    long bumpRevision) {
  /** What etcdutl adds to the snapshot's revision at the least (and in runs from before). */
  public static final long MIN_BUMP = 1_000_000_000L;
}
