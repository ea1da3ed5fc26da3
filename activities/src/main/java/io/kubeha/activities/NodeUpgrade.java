package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.NodeUpgradeActivities;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.plan.daytwo.ControlPlaneAccess;
import io.kubeha.plan.daytwo.StaticPod;
import io.kubeha.plan.daytwo.UpgradeCommands;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.DetachedCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * kubeadm upgrade, the kubelet restart and uncordon, each idempotent: a marker per node and
 * version, or the API's word.
 */
public final class NodeUpgrade implements NodeUpgradeActivities {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration APT = Duration.ofMinutes(20);
  private static final Duration UPGRADE = Duration.ofMinutes(20);
  private static final Duration READY = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration SERVING_HELD = Duration.ofSeconds(5);
  static final String KUBECTL = ControlPlaneAccess.KUBECTL;

  private final SshConnections connections;
  private final UpgradeCommands commands;
  private final DetachedCommand detached;

  public NodeUpgrade(SshConnections connections, String baseDir) {
    this.connections = connections;
    this.commands = new UpgradeCommands(baseDir);
    this.detached = new DetachedCommand(baseDir);
  }

  @Override
  public String upgradePlan(UpgradeNodeInput input) {
    RemoteShell first = shell(input.node());
    String install = UpgradeCommands.installKubeadm(input.version());
    CommandResult installed =
        detached.run(first, UpgradeCommands.installJob(input.version()), install, APT);
    if (!installed.ok()) {
      throw first.failure(
          "install kubeadm " + input.version(), RemoteCommand.of(install, APT), installed);
    }
    String plan = UpgradeCommands.plan(input.version(), input.ignoreFlag());
    return first.runOk(RemoteCommand.of(plan, UPGRADE), "kubeadm upgrade plan").stdout();
  }

  @Override
  public StepResult kubeadmUpgrade(UpgradeNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    String job = UpgradeCommands.upgradeJob(input.version());
    boolean running =
        node.run(
                RemoteCommand.of("test -f " + quote(detached.jobDir(job)) + "/started", QUICK)
                    .withSummary("look for an upgrade job"))
            .ok();
    if (!running
        && node.run(
                RemoteCommand.of(commands.upgraded(input.version()), QUICK)
                    .withSummary("check upgrade"))
            .ok()) {
      return StepResults.of(input.node().host(), "kubeadm-upgrade", false, started);
    }
    String command = UpgradeCommands.upgrade(input.first(), input.version(), input.ignoreFlag());
    CommandResult result = detached.run(node, job, command, UPGRADE);
    if (!result.ok()) {
      throw node.failure(command, RemoteCommand.of(command, UPGRADE), result);
    }
    node.runOk(
        RemoteCommand.of(commands.recordUpgrade(input.version()), QUICK), "record the upgrade");
    return StepResults.of(input.node().host(), "kubeadm-upgrade", true, started);
  }

  /**
   * On a control plane, returns once its own API server has answered /readyz for 5 s (the node goes
   * back into the LBs' upstreams next, and one just restarted answered Forbidden through the VIP),
   * and the controller-manager and the scheduler lead again: the upgrade and the kubelet's restart
   * at the new version replace their static Pods, and the next node's drain needs EndpointSlices
   * kept up to date (ControllersLeading says why).
   */
  private void awaitControllersLead(UpgradeNodeInput input) {
    if (input.controlPlane()) {
      StaticPods.healthyFor(shell(input.node()), StaticPod.API_SERVER, SERVING_HELD);
      ControllersLeading.await(
          shell(input.acting()), "after the upgrade of " + input.node().host());
    }
  }

  @Override
  public StepResult restartKubelet(UpgradeNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell acting = shell(input.acting());
    String name = input.node().host();
    String want = "v" + input.version();
    if (readyAt(acting, name, want)) {
      awaitControllersLead(input);
      return StepResults.of(input.node().host(), "kubelet-restart", false, started);
    }
    shell(input.node())
        .runOk(RemoteCommand.of(UpgradeCommands.RESTART_KUBELET, QUICK), "restart the kubelet");
    Polling.until(
        acting.heartbeat(),
        name + " Ready at " + want,
        READY,
        POLL,
        () -> readyAt(acting, name, want) ? Optional.of(true) : Optional.empty(),
        () -> "nodes " + nodes(acting));
    awaitControllersLead(input);
    return StepResults.of(input.node().host(), "kubelet-restart", true, started);
  }

  @Override
  public StepResult uncordonNode(UpgradeNodeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell acting = shell(input.acting());
    String name = input.node().host();
    boolean cordoned =
        nodes(acting).stream().anyMatch(n -> n.name().equals(name) && n.unschedulable());
    if (cordoned) {
      acting.runOk(RemoteCommand.of(UpgradeCommands.uncordon(name), QUICK), "uncordon " + name);
    }
    return StepResults.of(input.node().host(), "uncordon", cordoned, started);
  }

  private static boolean readyAt(RemoteShell acting, String node, String version) {
    return nodes(acting).stream()
        .anyMatch(n -> n.name().equals(node) && n.ready() && n.kubeletVersion().equals(version));
  }

  private static List<ClusterState.NodeState> nodes(RemoteShell acting) {
    return ClusterJson.nodeStates(
        acting
            .runOk(RemoteCommand.of(KUBECTL + " get nodes -o json", QUICK), "list nodes")
            .stdout());
  }

  private RemoteShell shell(io.kubeha.activity.SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
