package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.plan.Action;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster activities against FakeCluster; "kube-master-1" and "kube-master-2" are its server. */
class ClusterActivitiesImplTest {
  private static final String TOKEN = FakeKubernetesBin.TOKEN;
  private static final String CA_HASH = FakeKubernetesBin.CA_HASH;
  private static final String CERT_KEY = FakeKubernetesBin.CERT_KEY;
  private static final String JOIN_CONFIG = "/etc/kubernetes/kubeadm/join-config.yaml";

  private static FakeCluster cluster;
  private static ClusterActivities activities;

  @BeforeAll
  static void setUp() throws Exception {
    cluster = FakeCluster.start();
    activities = cluster.activities;
  }

  @AfterAll
  static void tearDown() throws Exception {
    cluster.close();
  }

  private static List<String> kubeadmCalls() throws Exception {
    return cluster.kubeadmCalls();
  }

  @Test
  void initRunsOnceFetchesAdminConfAndAdoptsAfterwards() throws Exception {
    Step init =
        new Step(
            "kubeadm-init",
            Phase.INIT_FIRST_CONTROL_PLANE,
            "kubeadm init",
            List.of(
                FileSpec.of(
                    "/etc/kubernetes/kubeadm/kubeadm-config.yaml",
                    "0600",
                    "kind: InitConfiguration\n")),
            List.of(),
            List.of(
                new Action(
                    "init",
                    "test -f /etc/kubernetes/admin.conf",
                    "kubeadm init --config /etc/kubernetes/kubeadm/kubeadm-config.yaml --upload-certs",
                    "test -f /etc/kubernetes/admin.conf",
                    true,
                    120)));
    Path adminConf = cluster.state.resolve("operator/admin.conf");
    InitResult first =
        activities.initFirstControlPlane(
            new InitInput(target("kube-master-1"), init, adminConf.toString()));
    assertFalse(first.adopted());
    assertEquals("kind: Config # admin\n", Files.readString(adminConf));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminConf)));

    InitResult again =
        activities.initFirstControlPlane(
            new InitInput(target("kube-master-1"), init, adminConf.toString()));
    assertTrue(again.adopted());
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("init --config")).count());
  }

  @Test
  void joinMintsSecretsUsesThemOnTheHostAndNeverLogsThem() throws Exception {
    String template = FakeCluster.controlPlaneTemplate("kube-master-2");
    Step join =
        new Step(
            "kubeadm-join",
            Phase.JOIN_CONTROL_PLANES,
            "kubeadm join",
            List.of(FileSpec.of(JOIN_CONFIG, "0600", template)),
            List.of(),
            List.of());
    JoinInput input = new JoinInput(target("kube-master-1"), target("kube-master-2"), true, join);

    JoinResult result = activities.joinNode(input);
    assertFalse(result.adopted());
    String seen = Files.readString(cluster.state.resolve("seen-join-config"));
    assertTrue(
        seen.contains("token: " + TOKEN) && seen.contains(CA_HASH) && seen.contains(CERT_KEY),
        seen);
    assertFalse(
        Files.exists(cluster.etcWrites().resolve("kubernetes/kubeadm/join-config.yaml")),
        "filled config removed");
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("token create")).count());
    assertEquals(
        1,
        kubeadmCalls().stream().filter(call -> call.startsWith("init phase upload-certs")).count());
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("join --config")).count());
    assertEquals(List.of(), cluster.linesWithSecrets(), "logged a secret");

    assertTrue(activities.joinNode(input).adopted());
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("join --config")).count());

    VerifyReport report =
        activities.verifyCluster(
            new VerifyInput(
                target("kube-master-1"),
                List.of("kube-master-1", "kube-master-2"),
                List.of("kube-master-1", "kube-master-2"),
                List.of(),
                "127.0.0.1",
                1,
                false,
                List.of(),
                null));
    assertEquals(List.of("kube-master-1", "kube-master-2"), report.readyNodes());
    assertEquals(List.of("kube-master-1", "kube-master-2"), report.etcdMembers());
    assertFalse(report.ok());
    assertEquals(List.of("the API does not answer ok through 127.0.0.1:1"), report.problems());
  }

  private static SshTarget target(String host) {
    return cluster.target(host);
  }
}
