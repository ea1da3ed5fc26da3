package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activities.StaticPods.Component;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.EtcdTools;
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
import java.util.List;
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
  static final String DATA_DIR = "/var/lib/etcd";
  private static final String SNAPSHOT_FIELD = "RestoreInput.snapshotPath";

  /** The step's failure type when a data dir is not where the restore left it. */
  static final String DATA_DIR_UNEXPECTED = "EtcdDataDirUnexpected";

  /**
   * The step's failure type when etcdutl refuses the snapshot: the same file and flags fail again.
   */
  static final String SNAPSHOT_RESTORE_FAILED = "EtcdSnapshotRestoreFailed";

  // The script's exit codes for the two failures a retry cannot mend.
  private static final int EXIT_DATA_DIR_UNEXPECTED = 3;
  private static final int EXIT_ETCDUTL_FAILED = 4;

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
                            + ClusterQueries.ETCD_CLIENT
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
    String path = upload(input);
    boolean there =
        node.run(
                RemoteCommand.of(uploaded(input.snapshotSha256(), path), QUICK)
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
    String marker = marker(input);
    if (node.run(RemoteCommand.of(restored(marker), QUICK).withSummary("read the restore marker"))
        .ok()) {
      return StepResults.of(input.node().host(), "restore", false, started);
    }
    String script = restoreScript(baseDir, input);
    RemoteCommand command =
        RemoteCommand.of(script, RESTORE).withSummary("etcdutl snapshot restore");
    CommandResult r = node.run(command);
    if (r.exitCode() == EXIT_DATA_DIR_UNEXPECTED || r.exitCode() == EXIT_ETCDUTL_FAILED) {
      throw ApplicationFailure.newNonRetryableFailure(
          node.failure("restore etcd", command, r).getOriginalMessage(),
          r.exitCode() == EXIT_DATA_DIR_UNEXPECTED ? DATA_DIR_UNEXPECTED : SNAPSHOT_RESTORE_FAILED);
    }
    if (!r.ok()) {
      throw node.failure("restore etcd", command, r);
    }
    return StepResults.of(input.node().host(), "restore", true, started);
  }

  @Override
  public StepResult startEtcd(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    StaticPods.unpark(shell(input.node()), StaticPods.ETCD);
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
        () -> StaticPods.healthy(node, StaticPods.ETCD) ? Optional.of(true) : Optional.empty(),
        () -> StaticPods.ETCD.health() + " does not say healthy (no leader yet?)");
    return StepResults.of(input.node().host(), "etcd-healthy", false, started);
  }

  @Override
  public StepResult startControlPlane(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    for (Component c :
        List.of(StaticPods.API_SERVER, StaticPods.CONTROLLER_MANAGER, StaticPods.SCHEDULER)) {
      StaticPods.start(node, c);
    }
    // The snapshot holds every Secret: it leaves the node once the member runs on its data.
    node.runOk(
        RemoteCommand.of(removeUploadAndMarker(baseDir, input), QUICK),
        "remove the uploaded snapshot");
    return StepResults.of(input.node().host(), "start", true, started);
  }

  @Override
  public StepResult putBackMember(RestoreNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    stopAll(node);
    String script = putBackScript(baseDir, input);
    CommandResult r =
        node.runOk(
            RemoteCommand.of(script, QUICK).withSummary("put the etcd data back"),
            "put the etcd data back");
    return StepResults.of(
        input.node().host(), "put-back", r.stdout().contains("changed=1"), started);
  }

  static String uploaded(String sha256, String path) {
    return "echo " + quote(sha256 + "  " + path) + " | sha256sum -c --status";
  }

  static String restored(String marker) {
    return "grep -qx swapped " + quote(marker);
  }

  static String restoreScript(String baseDir, RestoreNodeInput input) {
    String marker = marker(baseDir, input);
    String fresh = fresh(input);
    String before = before(input);
    String restore =
        EtcdTools.ETCDUTL
            + " snapshot restore "
            + quote(upload(baseDir, input))
            + " --name "
            + quote(input.memberName())
            + " --initial-cluster "
            + quote(input.initialCluster())
            + " --initial-cluster-token "
            + quote(input.clusterToken())
            + " --initial-advertise-peer-urls "
            + quote(input.peerUrl())
            // Revisions move past the old ones, so every watcher lists again instead of trusting
            // its cache.
            + " --bump-revision "
            + (input.bumpRevision() > 0 ? input.bumpRevision() : RestoreNodeInput.MIN_BUMP)
            + " --mark-compacted"
            + " --data-dir "
            + quote(fresh);
    String script =
        String.join(
            "\n",
            "set -e",
            "mkdir -p " + quote(baseDir),
            // done and gone: an attempt cut short right after moving the restored data into place.
            "if [ -f "
                + quote(fresh + ".done")
                + " ] && [ ! -d "
                + quote(fresh)
                + " ]; then :; else",
            // A restore cut short is done again from the start; a finished one is kept.
            "  if [ ! -f "
                + quote(fresh + ".done")
                + " ]; then rm -rf "
                + quote(fresh)
                + "; "
                + restore
                + " || exit "
                + EXIT_ETCDUTL_FAILED
                + "; touch "
                + quote(fresh + ".done")
                + "; fi",
            "  if [ -d "
                + quote(DATA_DIR)
                + " ] && [ ! -e "
                + quote(before)
                + " ]; then mv "
                + quote(DATA_DIR)
                + " "
                + quote(before)
                + "; fi",
            "  if [ -e "
                + quote(DATA_DIR)
                + " ]; then echo "
                + quote(
                    DATA_DIR
                        + " is back beside "
                        + before
                        + ": something recreated it; look before restoring again")
                + " >&2; exit "
                + EXIT_DATA_DIR_UNEXPECTED
                + "; fi",
            "  mv " + quote(fresh) + " " + quote(DATA_DIR),
            "fi",
            "chmod 0700 " + quote(DATA_DIR),
            "rm -f " + quote(fresh + ".done"),
            "echo swapped > " + quote(marker));
    return script;
  }

  static String putBackScript(String baseDir, RestoreNodeInput input) {
    String before = before(input);
    String fresh = fresh(input);
    String script =
        String.join(
            "\n",
            "set -e",
            "changed=0",
            // Only a data dir this restore moved aside is put back; without one, etcd never left.
            "if [ -d " + quote(before) + " ]; then",
            "  if [ -e " + quote(DATA_DIR) + " ]; then",
            // Restored data (the marker says so) is a copy of the snapshot: it goes. Anything else
            // is kept aside for a look.
            "    if grep -qx swapped "
                + quote(marker(baseDir, input))
                + " 2>/dev/null; then rm -rf "
                + quote(DATA_DIR)
                + "; else mv "
                + quote(DATA_DIR)
                + " "
                + quote(DATA_DIR + ".kubeha-unexpected-" + input.restoreId())
                + "; fi",
            "  fi",
            "  mv " + quote(before) + " " + quote(DATA_DIR),
            "  changed=1",
            "fi",
            "rm -rf " + quote(fresh) + " " + quote(fresh + ".done"),
            "rm -f " + quote(marker(baseDir, input)),
            "test -d "
                + quote(DATA_DIR)
                + " || { echo 'no etcd data dir to put back' >&2; exit 3; }",
            "echo changed=$changed");
    return script;
  }

  static String removeUploadAndMarker(String baseDir, RestoreNodeInput input) {
    return "rm -f " + quote(upload(baseDir, input)) + " " + quote(marker(baseDir, input));
  }

  static String removeUpload(String baseDir, RestoreNodeInput input) {
    return "rm -f " + quote(upload(baseDir, input));
  }

  /** etcd last: nothing may write to it between its stop and the restore (or the put-back). */
  private static void stopAll(RemoteShell node) {
    for (Component c :
        List.of(
            StaticPods.API_SERVER,
            StaticPods.CONTROLLER_MANAGER,
            StaticPods.SCHEDULER,
            StaticPods.ETCD)) {
      StaticPods.stop(node, c);
    }
  }

  @Override
  public void discardUpload(RestoreNodeInput input) {
    shell(input.node())
        .runOk(
            RemoteCommand.of(removeUpload(baseDir, input), QUICK), "remove the uploaded snapshot");
  }

  private String upload(RestoreNodeInput input) {
    return upload(baseDir, input);
  }

  static String upload(String baseDir, RestoreNodeInput input) {
    return baseDir + "/restore-" + input.restoreId() + ".db";
  }

  private String marker(RestoreNodeInput input) {
    return marker(baseDir, input);
  }

  static String marker(String baseDir, RestoreNodeInput input) {
    return baseDir + "/restore-" + input.restoreId() + ".state";
  }

  /** Where the member's data is restored to before it takes the data dir's place. */
  private static String fresh(RestoreNodeInput input) {
    return DATA_DIR + ".kubeha-restore-" + input.restoreId();
  }

  /**
   * Where the data dir from before this restore is kept: the whole restore id, so no two restores
   * share it.
   */
  static String before(RestoreNodeInput input) {
    return DATA_DIR + ".kubeha-before-" + input.restoreId();
  }

  private RemoteShell shell(SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
