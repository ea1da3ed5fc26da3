package io.kubeha.activity;

/**
 * One etcd snapshot as kubeha keeps it: its file name, the control plane and time it was taken,
 * what `etcdutl snapshot status` says of it (revision, keys, size, hash) and its SHA-256; path is
 * where it is (on the operator's side once fetched). Never its content: a snapshot holds every
 * Secret of the cluster.
 */
public record EtcdSnapshot(
    String name,
    String host,
    String takenAt,
    long revision,
    long totalKeys,
    long totalSize,
    long hash,
    String sha256,
    String path) {

  public EtcdSnapshot at(String newPath) {
    return new EtcdSnapshot(
        name, host, takenAt, revision, totalKeys, totalSize, hash, sha256, newPath);
  }
}
