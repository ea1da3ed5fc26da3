package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.plan.EtcdTools;
import io.kubeha.plan.daytwo.StaticPod;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What etcd backups and restores ask of a control plane: its etcd release, and a snapshot file read
 * there.
 */
final class EtcdSnapshots {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IMAGE =
      Pattern.compile("image:\\s*\\S*/etcd:v?(\\d+\\.\\d+\\.\\d+)");

  /** Failure type: the host runs no stacked etcd kubeha knows. */
  static final String NO_STACKED_ETCD = "NoStackedEtcd";

  private EtcdSnapshots() {}

  /**
   * The etcd release of the node's static Pod, from its manifest (or the parked one, mid-restore).
   */
  static String version(RemoteShell node) {
    String manifests =
        node.runOk(
                RemoteCommand.of(
                        "cat "
                            + quote(StaticPod.ETCD.manifest())
                            + " "
                            + quote(StaticPod.ETCD.parked())
                            + " 2>/dev/null || true",
                        QUICK)
                    .withSummary("read the etcd manifest"),
                "read the etcd manifest")
            .stdout();
    Matcher m = IMAGE.matcher(manifests);
    if (!m.find()) {
      throw ApplicationFailure.newNonRetryableFailure(
          node.target().host()
              + ": no stacked etcd: "
              + StaticPod.ETCD.manifest()
              + " names no etcd image",
          NO_STACKED_ETCD);
    }
    return m.group(1);
  }

  /** etcdutl snapshot status and sha256sum of the file at path on the node. */
  static EtcdSnapshot read(RemoteShell node, String path, String name, String takenAt) {
    String status =
        node.runOk(
                RemoteCommand.of(
                    EtcdTools.ETCDUTL + " snapshot status -w json " + quote(path), QUICK),
                "etcdutl snapshot status")
            .stdout();
    String sha =
        node.runOk(RemoteCommand.of("sha256sum " + quote(path), QUICK), "sha256sum " + path)
            .stdout()
            .strip()
            .split("\\s+")[0];
    JsonNode s;
    try {
      s = JSON.readTree(status.substring(Math.max(0, status.indexOf('{'))));
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          node.target().host()
              + ": etcdutl snapshot status printed no"
              + " JSON: "
              + status.strip(),
          "UnexpectedOutput");
    }
    return new EtcdSnapshot(
        name,
        node.target().host(),
        takenAt,
        s.path("revision").asLong(),
        s.path("totalKey").asLong(),
        s.path("totalSize").asLong(),
        s.path("hash").asLong(),
        sha,
        path);
  }
}
