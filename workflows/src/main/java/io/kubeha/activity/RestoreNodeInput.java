package io.kubeha.activity;

/**
 * One control plane's part of restore restoreId (the run's id): the snapshot (its local path on the
 * operator's side, its SHA-256), and the etcd member the node becomes in the restored cluster
 * (name, peer URL, the whole initial cluster "name=url,...", a new cluster token).
 */
public record RestoreNodeInput(
    SshTarget node,
    String restoreId,
    String snapshotPath,
    String snapshotSha256,
    String memberName,
    String peerUrl,
    String initialCluster,
    String clusterToken) {}
