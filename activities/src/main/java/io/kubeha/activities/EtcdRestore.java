package io.kubeha.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.daytwo.ControlPlaneAccess;
import io.kubeha.plan.daytwo.RestoreCommands;
import io.kubeha.plan.daytwo.StaticPod;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.RemoteFileWriter;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A restore's steps on one control plane. The restore of the member's data and the swap of the data
 * dir are guarded by a marker naming the restore, so a retried attempt never restores over a member
 * that already runs on restored data.
 */
public final class EtcdRestore implements EtcdRestoreActivities {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration RESTORE = Duration.ofMinutes(10);
  private static final Duration HEALTHY = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SNAPSHOT_FIELD = "RestoreInput.snapshotPath";

  /** The step's failure type when a data dir is not where the restore left it. */
  static final String DATA_DIR_UNEXPECTED = "EtcdDataDirUnexpected";

  /**
   * The step's failure type when etcdutl refuses the snapshot: the same file and flags fail again.
   */
  static final String SNAPSHOT_RESTORE_FAILED = "EtcdSnapshotRestoreFailed";

  private final SshConnections connections;
  private final String baseDir;
  private final AllowedRoots roots;

  /** roots: where the snapshot to restore may be on the worker's machine. */
  public EtcdRestore(SshConnections connections, String baseDir, AllowedRoots roots) {
    this.connections = connections;
    this.baseDir = baseDir;
    this.roots = roots;
  }

  @Override
  public LocalSnapshot readLocalSnapshot(String path) {
    Path file = roots.check(SNAPSHOT_FIELD, path);
    if (!Files.isRegularFile(file)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no snapshot file at " + path + " on the worker's machine", "SnapshotMissing");
    }
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      return new LocalSnapshot(
          file.toAbsolutePath().toString(), sha, Files.size(file), SnapshotStore.recordOf(file));
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot read " + path + ": " + e.getMessage(), "SnapshotMissing");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public EtcdStatus etcdStatus(SshTarget controlPlane) {
    CommandResult r =
        shell(controlPlane)
            .run(
                RemoteCommand.of(
                        "curl -sS --fail --max-time 10 "
                            + ControlPlaneAccess.ETCD_CLIENT
                            + " -X POST -d '{}' https://127.0.0.1:2379/v3/maintenance/status",
                        QUICK)
                    .withSummary("etcd status"));
    if (!r.ok()) {
      return new EtcdStatus(controlPlane.host(), false, 0, 0);
    }
    try {
      JsonNode s = JSON.readTree(r.stdout());
      return new EtcdStatus(
          controlPlane.host(),
          true,
          s.path("header").path("revision").asLong(),
          s.path("dbSize").asLong());
    } catch (IOException e) {
      return new EtcdStatus(controlPlane.host(), false, 0, 0);
    }
  }

  @Override
  public EtcdSnapshot uploadSnapshot(RestoreNodeInput input) {
    Path snapshot = roots.check(SNAPSHOT_FIELD, input.snapshotPath());
    RemoteShell node = shell(input.node());
    RestoreCommands commands = commands(input);
    String path = commands.upload();
    boolean there =
        node.run(
                RemoteCommand.of(commands.uploaded(input.snapshotSha256()), QUICK)
                    .withSummary("check " + path))
            .ok();
    if (!there) {
      RemoteFileWriter.write(
          node,
          path,
          "0600",
          "root:root",
          input.snapshotSha256(),
          RemoteCommand.Stdin.of(snapshot),
          "upload the snapshot");
    }
    return EtcdSnapshots.read(
        node, path, Path.of(input.snapshotPath()).getFileName().toString(), "");
  }

  @Override
  public StepResult stopControlPlane(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    stopAll(node);
    return StepResults.of(input.node().host(), "stop", true, started);
  }

  @Override
  public StepResult restoreMember(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    RestoreCommands commands = commands(input);
    if (node.run(
            RemoteCommand.of(commands.restored(), QUICK).withSummary("read the restore marker"))
        .ok()) {
      return StepResults.of(input.node().host(), "restore", false, started);
    }
    // Runs from before the bump was measured carry none: etcdutl's least.
    long bump = input.bumpRevision() > 0 ? input.bumpRevision() : RestoreNodeInput.MIN_BUMP;
    String script =
        commands.restore(
            input.memberName(),
            input.initialCluster(),
            input.clusterToken(),
            input.peerUrl(),
            String.valueOf(bump));
    RemoteCommand command =
        RemoteCommand.of(script, RESTORE).withSummary("etcdutl snapshot restore");
    CommandResult r = node.run(command);
    if (r.exitCode() == RestoreCommands.EXIT_DATA_DIR_UNEXPECTED
        || r.exitCode() == RestoreCommands.EXIT_ETCDUTL_FAILED) {
      throw ApplicationFailure.newNonRetryableFailure(
          node.failure("restore etcd", command, r).getOriginalMessage(),
          r.exitCode() == RestoreCommands.EXIT_DATA_DIR_UNEXPECTED
              ? DATA_DIR_UNEXPECTED
              : SNAPSHOT_RESTORE_FAILED);
    }
    if (!r.ok()) {
      throw node.failure("restore etcd", command, r);
    }
    return StepResults.of(input.node().host(), "restore", true, started);
  }

  @Override
  public StepResult startEtcd(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    StaticPods.unpark(shell(input.node()), StaticPod.ETCD);
    return StepResults.of(input.node().host(), "start-etcd", true, started);
  }

  @Override
  public StepResult awaitEtcdHealthy(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    Polling.until(
        node.heartbeat(),
        "etcd on " + input.node().host() + " to be healthy",
        HEALTHY,
        POLL,
        () -> StaticPods.healthy(node, StaticPod.ETCD) ? Optional.of(true) : Optional.empty(),
        () -> StaticPod.ETCD.health() + " does not say healthy (no leader yet?)");
    return StepResults.of(input.node().host(), "etcd-healthy", false, started);
  }

  @Override
  public StepResult startControlPlane(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    for (StaticPod c : StaticPod.ABOVE_ETCD) {
      StaticPods.start(node, c);
    }
    // The snapshot holds every Secret: it leaves the node once the member runs on its data.
    node.runOk(
        RemoteCommand.of(commands(input).removeUploadAndMarker(), QUICK),
        "remove the uploaded snapshot");
    return StepResults.of(input.node().host(), "start", true, started);
  }

  @Override
  public StepResult putBackMember(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    stopAll(node);
    String script = commands(input).putBack();
    CommandResult r =
        node.runOk(
            RemoteCommand.of(script, QUICK).withSummary("put the etcd data back"),
            "put the etcd data back");
    return StepResults.of(
        input.node().host(), "put-back", r.stdout().contains("changed=1"), started);
  }

  /** etcd last: nothing may write to it between its stop and the restore (or the put-back). */
  private static void stopAll(RemoteShell node) {
    for (StaticPod c : StaticPod.ETCD_LAST) {
      StaticPods.stop(node, c);
    }
  }

  @Override
  public void discardUpload(RestoreNodeInput input) {
    shell(input.node())
        .runOk(
            RemoteCommand.of(commands(input).removeUpload(), QUICK),
            "remove the uploaded snapshot");
  }

  private RestoreCommands commands(RestoreNodeInput input) {
    return new RestoreCommands(baseDir, input.restoreId());
  }

  private RemoteShell shell(SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
