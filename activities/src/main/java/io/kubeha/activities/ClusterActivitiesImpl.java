package io.kubeha.activities;

import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.files.AllowedRoots;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.DetachedCommand;
import io.kubeha.steps.StepExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cluster-wide activities over the worker's pooled SSH connections. */
public final class ClusterActivitiesImpl implements ClusterActivities {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final SshConnections connections;
  private final StepExecutor executor;
  private final ClusterInit init;
  private final NodeJoin join;
  private final ClusterVerifier verifier;

  /**
   * baseDir: where markers and detached jobs live on hosts ({@link StepExecutor#DEFAULT_BASE_DIR});
   * roots: where admin.conf may be saved on the worker's machine.
   */
  public ClusterActivitiesImpl(
      SshConnections connections, StepExecutor executor, String baseDir, AllowedRoots roots) {
    this(connections, executor, baseDir, roots, ClusterVerifier.SETTLE_WAIT);
  }

  /**
   * settle: how long verification waits for etcd and the API through the endpoint to answer as they
   * should.
   */
  ClusterActivitiesImpl(
      SshConnections connections,
      StepExecutor executor,
      String baseDir,
      AllowedRoots roots,
      java.time.Duration settle) {
    this.connections = connections;
    this.executor = executor;
    this.init = new ClusterInit(connections, executor, roots);
    this.join = new NodeJoin(connections, new DetachedCommand(baseDir));
    this.verifier = new ClusterVerifier(connections, settle);
  }

  @Override
  public InitResult initFirstControlPlane(InitInput input) {
    return init.run(input);
  }

  @Override
  public StepResult installCni(InstallCniInput input) {
    RemoteShell master = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    StepResult applied = executor.apply(master, input.cniStep());
    ClusterQueries cluster = new ClusterQueries(master);
    Polling.until(
        master.heartbeat(),
        "nodes " + input.expectedNodes() + " Ready",
        READY_TIMEOUT,
        POLL,
        () -> allReady(cluster.nodes(), input.expectedNodes()),
        () -> "nodes " + cluster.nodes());
    return applied;
  }

  private static Optional<Boolean> allReady(Map<String, Boolean> nodes, List<String> expected) {
    return expected.stream().allMatch(node -> nodes.getOrDefault(node, false))
        ? Optional.of(true)
        : Optional.empty();
  }

  @Override
  public JoinResult joinNode(JoinInput input) {
    return join.run(input);
  }

  @Override
  public JoinResult prepareControlPlaneJoin(JoinInput input) {
    return join.prepare(input);
  }

  @Override
  public VerifyReport verifyCluster(VerifyInput input) {
    return verifier.run(input);
  }
}
