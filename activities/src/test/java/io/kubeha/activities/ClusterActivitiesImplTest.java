package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import io.kubeha.ssh.LoopbackSshd;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Cluster activities against a loopback sshd whose namespace has stand-in kubeadm and kubectl in
 * /usr/local/bin and an overlaid /etc; "kube-master-1" and "kube-master-2" are both that server.
 */
class ClusterActivitiesImplTest {
  private static final String TOKEN = "abcdef.0123456789abcdef";
  private static final String CA_HASH = "sha256:" + "a1b2c3d4".repeat(8);
  private static final String CERT_KEY = "9f8e7d6c".repeat(8);
  private static final String JOIN_CONFIG = "/etc/kubernetes/kubeadm/join-config.yaml";

  private static Path state;
  private static LoopbackSshd sshd;
  private static SshConnections connections;
  private static TestActivityEnvironment env;
  private static ClusterActivities activities;
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  static void setUp() throws Exception {
    state = Files.createTempDirectory("kubeha-cluster-");
    Path bin = Files.createDirectories(state.resolve("bin"));
    writeScript(
        bin.resolve("kubeadm"),
        String.join(
            "\n",
            "#!/bin/sh",
            "S=" + state,
            "echo \"$*\" >> $S/kubeadm.calls",
            "case \"$1 $2\" in",
            "  'token create') echo \"kubeadm join 127.0.0.1:6443 --token "
                + TOKEN
                + " --discovery-token-ca-cert-hash "
                + CA_HASH
                + " \";;",
            "  'init phase') echo '[upload-certs] Using certificate key:'; echo " + CERT_KEY + ";;",
            "  'init --config') mkdir -p /etc/kubernetes; echo 'kind: Config # admin' > /etc/kubernetes/admin.conf;;",
            "  'join --config') cp \"$3\" $S/seen-join-config; node=$(sed -n 's/^ *name: *//p' \"$3\" | head -1)",
            "    echo \"$node\" >> $S/nodes; if grep -q certificateKey \"$3\"; then echo \"$node\" >> $S/etcd; fi",
            "    mkdir -p /etc/kubernetes; : > /etc/kubernetes/kubelet.conf; echo 'This node has joined the cluster';;",
            "esac",
            ""));
    writeScript(
        bin.resolve("kubectl"),
        String.join(
            "\n",
            "#!/bin/sh",
            "S=" + state,
            "list() { printf '['; sep=; while read n; do printf \"$sep$1\" \"$n\"; sep=,; done < \"$2\"; printf ']'; }",
            "case \"$*\" in",
            "  *'get nodes'*) printf '{\"items\":'; list '{\"metadata\":{\"name\":\"%s\"},\"status\":{\"conditions\":"
                + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}' $S/nodes; echo '}';;",
            "esac",
            ""));
    writeScript(
        bin.resolve("curl"),
        String.join(
            "\n",
            "#!/bin/sh",
            "S=" + state,
            "list() { printf '['; sep=; while read n; do printf \"$sep$1\" \"$n\"; sep=,; done < \"$2\"; printf ']'; }",
            "case \"$*\" in",
            "  *'/v3/cluster/member/list'*) printf '{\"members\":'; list '{\"name\":\"%s\"}' $S/etcd; echo '}';;",
            "  *) exec /usr/bin/curl \"$@\";;",
            "esac",
            ""));
    Files.writeString(state.resolve("nodes"), "kube-master-1\n");
    Files.writeString(state.resolve("etcd"), "kube-master-1\n");
    sshd = LoopbackSshd.start(bin);
    connections = new SshConnections(LoopbackSshd.tempRoots());
    String base = state.resolve("host-state").toString();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ClusterActivitiesImpl(
            connections,
            new StepExecutor(
                base, new ArtifactCache(state.resolve("cache")), LoopbackSshd.tempRoots()),
            base,
            LoopbackSshd.tempRoots(),
            Duration.ofSeconds(3)));
    activities =
        env.newActivityStub(
            ClusterActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterAll
  static void tearDown() throws Exception {
    env.close();
    connections.close();
    sshd.close();
  }

  private static void writeScript(Path path, String text) throws Exception {
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static List<String> kubeadmCalls() throws Exception {
    Path calls = state.resolve("kubeadm.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
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
    Path adminConf = state.resolve("operator/admin.conf");
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
    String template =
        String.join(
            "\n",
            "apiVersion: kubeadm.k8s.io/v1beta4",
            "kind: JoinConfiguration",
            "discovery:",
            "  bootstrapToken:",
            "    apiServerEndpoint: 127.0.0.1:6443",
            "    token: @TOKEN@",
            "    caCertHashes: [@CA_CERT_HASH@]",
            "nodeRegistration:",
            "  name: kube-master-2",
            "controlPlane:",
            "  certificateKey: @CERTIFICATE_KEY@",
            "");
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
    String seen = Files.readString(state.resolve("seen-join-config"));
    assertTrue(
        seen.contains("token: " + TOKEN) && seen.contains(CA_HASH) && seen.contains(CERT_KEY),
        seen);
    assertFalse(
        Files.exists(sshd.etcWrites().resolve("kubernetes/kubeadm/join-config.yaml")),
        "filled config removed");
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("token create")).count());
    assertEquals(
        1,
        kubeadmCalls().stream().filter(call -> call.startsWith("init phase upload-certs")).count());
    assertEquals(
        1, kubeadmCalls().stream().filter(call -> call.startsWith("join --config")).count());
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage();
      assertFalse(
          line.contains(TOKEN) || line.contains(CERT_KEY) || line.contains(CA_HASH),
          "logged a secret: " + line);
    }

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
    SshTarget loop = sshd.target(host);
    return new SshTarget(
        host, loop.address(), loop.port(), loop.user(), loop.keyPath(), loop.knownHosts());
  }
}
