package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.JoinInput;
import io.kubeha.plan.ControlPlaneJoinSteps;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.plan.Phase;
import io.kubeha.plan.SharedCertificateKey;
import io.kubeha.plan.Step;
import io.kubeha.ssh.CommandResult;
import io.temporal.failure.ActivityFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A control plane's join prepared (kubeadm's preflight and control-plane-prepare), then finished
 * one at a time, and how each activity adopts what an earlier attempt left, on FakeCluster.
 */
class ControlPlaneJoinSplitTest {
  private static final String HOST = "kube-master-2";
  private static final String CONFIG = JoinConfigTemplate.TEMPLATE_PATH;
  private static final String REST =
      "join --config " + CONFIG + " --skip-phases preflight,control-plane-prepare";
  private static final String WHOLE = "join --config " + CONFIG;

  private FakeCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = FakeCluster.start();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aPreparedJoinRunsOnlyThePhasesLeftAndNeverLogsTheSecrets() throws Exception {
    assertFalse(cluster.activities.prepareControlPlaneJoin(input()).adopted());
    assertEquals(
        List.of(
            "join phase preflight --config " + CONFIG,
            "join phase control-plane-prepare all --config " + CONFIG),
        cluster.kubeadmCalls().stream().filter(c -> c.startsWith("join")).toList());
    String prepared = Files.readString(cluster.state.resolve("seen-prepare-config"));
    assertTrue(
        prepared.contains("token: " + FakeKubernetesBin.TOKEN)
            && prepared.contains(FakeKubernetesBin.CA_HASH)
            && prepared.contains("certificateKey: " + FakeKubernetesBin.CERT_KEY),
        prepared);
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(filledConfig())),
        "the filled config waits for the join root's only");

    assertFalse(cluster.activities.joinNode(input()).adopted());
    assertEquals(List.of(REST), joins());
    assertEquals(1, cluster.kubeadmCalls("token create"), "the join used the prepare's token");
    assertEquals(0, cluster.kubeadmCalls("reset"));
    assertFalse(Files.exists(filledConfig()), "filled config removed");
    assertFalse(Files.exists(prepareJob()), "prepare job removed");
    assertEquals("", Files.readString(cluster.state.resolve("tokens")), "token deleted");
    assertEquals(List.of(), cluster.linesWithSecrets(), "logged a secret");

    assertTrue(cluster.activities.joinNode(input()).adopted());
    assertTrue(cluster.activities.prepareControlPlaneJoin(input()).adopted(), "joined already");
    assertEquals(List.of(REST), joins());
  }

  @Test
  void aSecondPrepareAdoptsTheFirst() throws Exception {
    cluster.activities.prepareControlPlaneJoin(input());
    assertTrue(cluster.activities.prepareControlPlaneJoin(input()).adopted());
    assertEquals(1, cluster.kubeadmCalls("join phase preflight"));
    assertEquals(1, cluster.kubeadmCalls("token create"));
  }

  @Test
  void aJoinWithoutItsPrepareMarkerClearsTheHostAndJoinsWhole() throws Exception {
    cluster.activities.prepareControlPlaneJoin(input());
    Files.delete(prepareJob().resolve("prepared"));
    assertJoinsWholeOverThePrepare();
  }

  @Test
  void aPreparedJoinWhoseTokenIsGoneJoinsWhole() throws Exception {
    cluster.activities.prepareControlPlaneJoin(input());
    // The token expired and the cluster cleaned it up.
    Files.writeString(cluster.state.resolve("tokens"), "");
    assertJoinsWholeOverThePrepare();
  }

  /** The join resets what the prepare left and joins whole, with a token of its own. */
  private void assertJoinsWholeOverThePrepare() throws Exception {
    assertFalse(cluster.activities.joinNode(input()).adopted());
    assertEquals(1, cluster.kubeadmCalls("reset --force"), "the prepare's files cleared");
    assertEquals(List.of(WHOLE), joins());
    assertEquals(2, cluster.kubeadmCalls("token create"));
  }

  @Test
  void aJoinThatFailsAfterItsPrepareStartsOverWhole() throws Exception {
    cluster.activities.prepareControlPlaneJoin(input());
    Files.writeString(cluster.state.resolve("fail-rest"), "");

    assertThrows(ActivityFailure.class, () -> cluster.activities.joinNode(input()));
    assertFalse(Files.exists(prepareJob()), "the failed join used up its prepare");
    assertFalse(cluster.activities.joinNode(input()).adopted());
    assertEquals(List.of(REST, WHOLE), joins());
    assertEquals(1, cluster.kubeadmCalls("reset --force"));
    assertTrue(Files.readString(cluster.state.resolve("nodes")).contains(HOST));
  }

  @Test
  void aPrepareLeavesAJoinUnderWayToTheJoin() throws Exception {
    Path job = Path.of(cluster.baseDir, "jobs", ControlPlaneJoinSteps.JOIN_ID + ".join");
    Files.createDirectories(job);
    Files.writeString(job.resolve("started"), "");

    assertTrue(cluster.activities.prepareControlPlaneJoin(input()).adopted());
    assertEquals(List.of(), cluster.kubeadmCalls());
  }

  @Test
  void joinsShareOneCertificateKeyWhileItIsFreshAndItsSecretIsThere() throws Exception {
    String key = FakeKubernetesBin.CERT_KEY;
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(1, cluster.kubeadmCalls("init phase upload-certs"), "the second reused the key");
    assertEquals(
        "700 600",
        cluster
            .onHost("stat -c %a /run/kubeha /run/kubeha/certificate-key | tr '\\n' ' '")
            .stdout()
            .trim());

    cluster.onHost("touch -d '61 minutes ago' /run/kubeha/certificate-key");
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(2, cluster.kubeadmCalls("init phase upload-certs"), "an old key is not reused");

    // A new cluster (a reset, then init): its Secret is another, under init's own key.
    Files.writeString(cluster.state.resolve("certs-secret"), "uid-2/1\n");
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(3, cluster.kubeadmCalls("init phase upload-certs"), "another Secret, another key");
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(3, cluster.kubeadmCalls("init phase upload-certs"), "its own upload is reused");

    Files.writeString(cluster.state.resolve("no-certs-secret"), "");
    assertEquals(key, lastLine(cluster.onHost(SharedCertificateKey.UPLOAD)));
    assertEquals(4, cluster.kubeadmCalls("init phase upload-certs"), "the upload expired");
  }

  private JoinInput input() {
    Step prepare =
        new Step(
            ControlPlaneJoinSteps.PREPARE_ID,
            Phase.PREPARE_CONTROL_PLANE_JOINS,
            "Prepare the control-plane join",
            List.of(FileSpec.of(CONFIG, "0600", FakeCluster.controlPlaneTemplate(HOST))),
            List.of(),
            List.of());
    return new JoinInput(
        cluster.target("kube-master-1"),
        cluster.target(HOST),
        true,
        ControlPlaneJoinSteps.joinStep(),
        prepare);
  }

  private List<String> joins() throws Exception {
    return cluster.kubeadmCalls().stream().filter(c -> c.startsWith("join --config")).toList();
  }

  private Path filledConfig() {
    return cluster.etcWrites().resolve(CONFIG.substring("/etc/".length()));
  }

  private Path prepareJob() {
    return Path.of(cluster.baseDir, "jobs", ControlPlaneJoinSteps.PREPARE_ID + ".prepare");
  }

  private static String lastLine(CommandResult r) {
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    List<String> lines = r.stdout().strip().lines().toList();
    return lines.get(lines.size() - 1);
  }
}
