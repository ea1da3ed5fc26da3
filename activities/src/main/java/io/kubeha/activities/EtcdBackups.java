package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.EtcdBackupActivities;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.FetchSnapshotInput;
import io.kubeha.activity.PruneSnapshotsInput;
import io.kubeha.activity.SnapshotInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.EtcdTools;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd snapshots with the real etcdctl and etcdutl on a control plane, copied to the operator's
 * side. A snapshot is saved under its name and marked done on the node, so a retried save adopts
 * it; a fetched one is recorded beside its copy, so a retried fetch adopts that. The snapshots'
 * directory must lie under the worker's allowed roots.
 */
public final class EtcdBackups implements EtcdBackupActivities {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration SAVE = Duration.ofMinutes(10);
  private static final Duration COPY = Duration.ofMinutes(30);
  static final String ETCDCTL =
      EtcdTools.ETCDCTL
          + " --endpoints=https://127.0.0.1:2379"
          + " --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt"
          + " --key=/etc/kubernetes/pki/etcd/healthcheck-client.key";

  private final SshConnections connections;
  private final String remoteDir;
  private final AllowedRoots roots;

  public EtcdBackups(SshConnections connections, String baseDir, AllowedRoots roots) {
    this.connections = connections;
    this.remoteDir = baseDir + "/snapshots";
    this.roots = roots;
  }

  @Override
  public String etcdVersion(SshTarget controlPlane) {
    return EtcdSnapshots.version(shell(controlPlane));
  }

  @Override
  public EtcdSnapshot saveSnapshot(SnapshotInput input) {
    // Refused before the node is asked for a snapshot that could not be kept.
    store(input.dir());
    String path = remotePath(input);
    RemoteShell node = shell(input.node());
    // Saved and marked by an earlier attempt: read it again rather than take a second one.
    boolean saved =
        node.run(
                RemoteCommand.of(
                        "test -f " + quote(path + ".done") + " && test -f " + quote(path), QUICK)
                    .withSummary("look for " + path))
            .ok();
    if (!saved) {
      node.runOk(
          RemoteCommand.of(
                  "install -d -m 0700 "
                      + quote(remoteDir)
                      + " && rm -f "
                      + quote(path)
                      + " && "
                      + ETCDCTL
                      + " snapshot save "
                      + quote(path)
                      + " && chmod 0600 "
                      + quote(path)
                      + " && touch "
                      + quote(path + ".done"),
                  SAVE)
              .withSummary("etcdctl snapshot save " + path),
          "etcdctl snapshot save");
    }
    return EtcdSnapshots.read(node, path, input.name(), input.takenAt());
  }

  @Override
  public EtcdSnapshot fetchSnapshot(FetchSnapshotInput input) {
    SnapshotInput request = input.request();
    SnapshotStore store = store(request.dir());
    String path = remotePath(request);
    SnapshotStore.requirePlainName(input.saved().name());
    RemoteShell node = shell(request.node());
    // Copied and recorded by an earlier attempt: only the node's file may be left to remove.
    EtcdSnapshot copy = store.find(request.name());
    if (copy == null) {
      copy =
          store.save(
              input.saved(),
              sink ->
                  node.runToStream(
                      RemoteCommand.of("cat " + quote(path), COPY).asSecret("copy " + path),
                      sink,
                      "copy the snapshot"));
    }
    node.runOk(
        RemoteCommand.of("rm -f " + quote(path) + " " + quote(path + ".done"), QUICK),
        "remove " + path);
    return copy;
  }

  @Override
  public List<EtcdSnapshot> listSnapshots(String dir) {
    return store(dir).list();
  }

  @Override
  public List<String> pruneSnapshots(PruneSnapshotsInput input) {
    SnapshotStore store = store(input.dir());
    List<EtcdSnapshot> all = store.list();
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < all.size() - input.keep(); i++) {
      store.delete(all.get(i));
      deleted.add(all.get(i).name());
    }
    return deleted;
  }

  private SnapshotStore store(String dir) {
    return new SnapshotStore(roots.check("BackupInput.dir", dir));
  }

  private String remotePath(SnapshotInput input) {
    SnapshotStore.requirePlainName(input.name());
    return remoteDir + "/" + input.name();
  }

  private RemoteShell shell(SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
