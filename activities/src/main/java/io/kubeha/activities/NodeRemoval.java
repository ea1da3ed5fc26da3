package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.daytwo.ControlPlaneAccess;
import io.kubeha.plan.daytwo.NodeRemovalCommands;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.DetachedCommand;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removing a node, one idempotent effect per call: each first looks whether its effect is there
 * already (a resumed run adopts it and reports changed=false), so nothing is done twice.
 */
public final class NodeRemoval implements NodeRemovalActivities {
  /**
   * A drain that did not finish: kubectl's reason is in the message; retrying is the operator's
   * call.
   */
  public static final String DRAIN_INCOMPLETE = "DrainIncomplete";

  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration RESET_TIMEOUT = Duration.ofMinutes(10);
  private static final String KUBECTL = ControlPlaneAccess.KUBECTL;

  private final SshConnections connections;
  private final DetachedCommand detached;

  public NodeRemoval(SshConnections connections, String baseDir) {
    this.connections = connections;
    this.detached = new DetachedCommand(baseDir);
  }

  @Override
  public ClusterState inspectCluster(InspectClusterInput input) {
    RemoteShell acting = shell(input.actingControlPlane());
    String nodes =
        acting
            .runOk(RemoteCommand.of(KUBECTL + " get nodes -o json", QUICK), "list nodes")
            .stdout();
    List<ClusterState.EtcdMember> members = new ArrayList<>();
    for (ClusterJson.Member m : members(acting)) {
      boolean healthy =
          !m.clientUrls().isEmpty()
              && acting
                  .run(
                      RemoteCommand.of(
                              "curl -sS --max-time 5 "
                                  + ControlPlaneAccess.ETCD_CLIENT
                                  + " "
                                  + quote(m.clientUrls().get(0) + "/health"),
                              QUICK)
                          .withSummary("etcd health of " + m.name()))
                  .stdout()
                  .replace(" ", "")
                  .contains("\"health\":\"true\"");
      members.add(new ClusterState.EtcdMember(m.name(), healthy));
    }
    return new ClusterState(ClusterJson.nodeStates(nodes), members);
  }

  @Override
  public StepResult drainNode(NodeChangeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell acting = shell(input.acting());
    String node = input.node().host();
    List<ClusterState.NodeState> nodes =
        ClusterJson.nodeStates(
            acting
                .runOk(RemoteCommand.of(KUBECTL + " get nodes -o json", QUICK), "list nodes")
                .stdout());
    ClusterState.NodeState state =
        nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElse(null);
    // Run detached on the acting control plane: a retried or resumed attempt re-attaches to a drain
    // under way.
    String job = NodeRemovalCommands.drainJob(node);
    boolean jobRecorded =
        acting
            .run(
                RemoteCommand.of("test -f " + quote(detached.jobDir(job)) + "/started", QUICK)
                    .withSummary("look for a drain job"))
            .ok();
    if (!jobRecorded
        && (state == null || (state.unschedulable() && evictable(acting, node).isEmpty()))) {
      return StepResults.of(
          node, "drain", false, List.of(), started); // gone, or drained by an earlier attempt
    }
    if (!jobRecorded) {
      // Evicted Pods leave their Services only while a live controller-manager leads.
      ControllersLeading.await(acting, "before draining " + node);
      acting.runOk(RemoteCommand.of(NodeRemovalCommands.cordon(node), QUICK), "cordon " + node);
    }
    int timeout = Math.max(1, input.drainTimeoutSeconds());
    String drain = NodeRemovalCommands.drain(node, timeout);
    CommandResult drained = detached.run(acting, job, drain, Duration.ofSeconds(timeout + 60));
    acting.runOk(
        RemoteCommand.of("rm -rf " + quote(detached.jobDir(job)), QUICK), "clear the drain job");
    if (!drained.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "kubectl drain "
              + node
              + " did not complete (limit "
              + timeout
              + " s); the node stays cordoned and is not removed: "
              + drained.tail(6).strip(),
          DRAIN_INCOMPLETE);
    }
    return StepResults.of(node, "drain", true, List.of("cordon " + node, "drain " + node), started);
  }

  private static List<String> evictable(RemoteShell acting, String node) {
    String pods =
        acting
            .runOk(
                RemoteCommand.of(
                    KUBECTL
                        + " get pods -A -o json --field-selector "
                        + quote("spec.nodeName=" + node),
                    QUICK),
                "list the pods on " + node)
            .stdout();
    return ClusterJson.evictablePods(pods);
  }

  @Override
  public StepResult resetNode(NodeChangeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    String job = NodeRemovalCommands.RESET_JOB;
    boolean jobRecorded =
        node.run(
                RemoteCommand.of("test -f " + quote(detached.jobDir(job)) + "/started", QUICK)
                    .withSummary("look for a reset job"))
            .ok();
    if (!jobRecorded
        && node.run(
                RemoteCommand.of(NodeRemovalCommands.RESET_DONE, QUICK).withSummary("check reset"))
            .ok()) {
      return StepResults.of(input.node().host(), "reset", false, List.of(), started);
    }
    String command = NodeRemovalCommands.RESET;
    CommandResult result = detached.run(node, job, command, RESET_TIMEOUT);
    if (!result.ok()) {
      throw node.failure("kubeadm reset", RemoteCommand.of(command, RESET_TIMEOUT), result);
    }
    node.runOk(
        RemoteCommand.of("rm -rf " + quote(detached.jobDir(job)), QUICK), "clear the reset job");
    return StepResults.of(input.node().host(), "reset", true, List.of("kubeadm reset"), started);
  }

  @Override
  public StepResult removeEtcdMember(NodeChangeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell acting = shell(input.acting());
    String node = input.node().host();
    ClusterJson.Member member =
        members(acting).stream().filter(m -> m.name().equals(node)).findFirst().orElse(null);
    if (member == null) {
      return StepResults.of(
          node, "etcd-member", false, List.of(), started); // kubeadm reset removed it
    }
    acting.runOk(
        RemoteCommand.of(NodeRemovalCommands.removeMember(member.id()), QUICK)
            .withSummary("etcd member remove " + node),
        "remove the etcd member " + node);
    return StepResults.of(
        node, "etcd-member", true, List.of("etcd member remove " + node), started);
  }

  @Override
  public StepResult deleteNode(NodeChangeInput input) {
    long started = System.currentTimeMillis();
    RemoteShell acting = shell(input.acting());
    String node = input.node().host();
    // A retry after a delete whose answer was lost (its API server went away) finds the node gone:
    // done already.
    boolean registered =
        !acting
            .runOk(
                RemoteCommand.of(
                    KUBECTL + " get node --ignore-not-found -o name " + quote(node), QUICK),
                "look for node " + node)
            .stdout()
            .isBlank();
    if (!registered) {
      return StepResults.of(node, "delete-node", false, List.of(), started);
    }
    CommandResult deleted =
        acting.runOk(
            RemoteCommand.of(NodeRemovalCommands.deleteNode(node), QUICK), "delete node " + node);
    boolean changed = deleted.stdout().contains("deleted");
    return StepResults.of(
        node,
        "delete-node",
        changed,
        changed ? List.of("delete node " + node) : List.of(),
        started);
  }

  private static List<ClusterJson.Member> members(RemoteShell acting) {
    return new ClusterQueries(acting).etcdMemberList();
  }

  private RemoteShell shell(SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
