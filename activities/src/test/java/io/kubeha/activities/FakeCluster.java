package io.kubeha.activities;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.SshTarget;
import io.kubeha.plan.JoinConfigTemplate;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.Heartbeat;
import io.kubeha.ssh.LoopbackSshd;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Cluster activities against a loopback sshd whose namespace has FakeKubernetesBin's stand-ins in
 * /usr/local/bin and overlaid /etc and /var/lib; every host name is that one server. Keeps every
 * log line, to look for secrets.
 */
final class FakeCluster implements AutoCloseable {
  private static final Duration QUICK = Duration.ofSeconds(30);

  final Path state;
  final String baseDir;
  final ClusterActivities activities;
  private final LoopbackSshd sshd;
  private final SshConnections connections;
  private final TestActivityEnvironment env;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  private FakeCluster(Path state) throws Exception {
    this.state = state;
    this.sshd = LoopbackSshd.start(FakeKubernetesBin.write(state));
    this.connections = new SshConnections(LoopbackSshd.tempRoots());
    this.baseDir = state.resolve("host-state").toString();
    this.env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new ClusterActivitiesImpl(
            connections,
            new StepExecutor(
                baseDir, new ArtifactCache(state.resolve("cache")), LoopbackSshd.tempRoots()),
            baseDir,
            LoopbackSshd.tempRoots(),
            Duration.ofSeconds(3)));
    this.activities =
        env.newActivityStub(
            ClusterActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .build());
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  static FakeCluster start() throws Exception {
    return new FakeCluster(Files.createTempDirectory("kubeha-cluster-"));
  }

  /** A control plane's join config template, as the plan's, for node. */
  static String controlPlaneTemplate(String node) {
    return String.join(
        "\n",
        "apiVersion: kubeadm.k8s.io/v1beta4",
        "kind: JoinConfiguration",
        "discovery:",
        "  bootstrapToken:",
        "    apiServerEndpoint: 127.0.0.1:6443",
        "    token: " + JoinConfigTemplate.TOKEN,
        "    caCertHashes: [" + JoinConfigTemplate.CA_CERT_HASH + "]",
        "nodeRegistration:",
        "  name: " + node,
        "controlPlane:",
        "  certificateKey: " + JoinConfigTemplate.CERTIFICATE_KEY,
        "");
  }

  /** A target for root on the server, named host. */
  SshTarget target(String host) {
    SshTarget loop = sshd.target(host);
    return new SshTarget(
        host, loop.address(), loop.port(), loop.user(), loop.keyPath(), loop.knownHosts());
  }

  /** Runs script as root in the server's namespace (its /etc, /var/lib and /run). */
  CommandResult onHost(String script) {
    return connections.shell(target("kube-master-1"), Heartbeat.NONE).run(script, QUICK);
  }

  /** What commands wrote to /etc in the server's namespace. */
  Path etcWrites() {
    return sshd.etcWrites();
  }

  List<String> kubeadmCalls() throws Exception {
    Path calls = state.resolve("kubeadm.calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  long kubeadmCalls(String prefix) throws Exception {
    return kubeadmCalls().stream().filter(call -> call.startsWith(prefix)).count();
  }

  /** The log lines that hold any of the fake secrets. */
  List<String> linesWithSecrets() {
    return logs.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(
            line ->
                line.contains(FakeKubernetesBin.TOKEN)
                    || line.contains(FakeKubernetesBin.CERT_KEY)
                    || line.contains(FakeKubernetesBin.CA_HASH))
        .toList();
  }

  @Override
  public void close() throws Exception {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    env.close();
    connections.close();
    sshd.close();
  }
}
