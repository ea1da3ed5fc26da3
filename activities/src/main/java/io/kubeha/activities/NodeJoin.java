package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.FileSpec;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.DetachedCommand;
import java.time.Duration;
import java.util.Optional;

/**
 * Joins one host: mints a token (and shares the certificate key with a control plane) on the first
 * master, fills the join config on the joining host through stdin, runs kubeadm join detached, and
 * waits until the node is registered (and an etcd member), then deletes its token. A control plane
 * may prepare its join first, beside the other control planes' prepares and joins: kubeadm join's
 * preflight and control-plane-prepare, which change nothing in the cluster; its join then runs only
 * the phases they left (JoinPreparation). The secrets never leave FilledJoinConfig.
 */
final class NodeJoin {
  static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofSeconds(2);

  private final SshConnections connections;
  private final DetachedCommand detached;

  NodeJoin(SshConnections connections, DetachedCommand detached) {
    this.connections = connections;
    this.detached = detached;
  }

  /** The whole join, or the phases its prepare left. */
  JoinResult run(JoinInput input) {
    long started = System.currentTimeMillis();
    RemoteShell joining = connections.shell(input.joining(), Heartbeats.ofCurrentActivity());
    RemoteShell master = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    String job = job(input);
    boolean jobRecorded = recorded(joining, detached, job);
    boolean adopted = !jobRecorded && joined(master, joining, input.controlPlane());
    JoinPreparation prepared =
        input.prepareStep() == null
            ? null
            : new JoinPreparation(detached, input, FilledJoinConfig.template(input));
    if (!adopted) {
      FileSpec template = FilledJoinConfig.template(input);
      // A recorded job is re-attached to, whatever its command was.
      String command = "kubeadm join --config " + quote(template.path());
      if (!jobRecorded && prepared != null && prepared.ready(master, joining)) {
        command = prepared.restCommand();
      } else if (!jobRecorded) {
        if (prepared != null) {
          prepared.clear(joining);
        }
        InterruptedJoin.clear(master, joining, input.controlPlane());
        FilledJoinConfig.write(master, joining, template, input.controlPlane());
      }
      CommandResult result = detached.run(joining, job, command, JOIN_TIMEOUT);
      removeFilledConfig(joining, template);
      if (!result.ok()) {
        throw joining.failure("join", RemoteCommand.of(command, JOIN_TIMEOUT), result);
      }
    }
    awaitMembership(master, input.joining().host(), input.controlPlane());
    BootstrapTokens.delete(master, BootstrapTokens.joinOf(input.joining().host()));
    joining.runOk(
        RemoteCommand.of("rm -rf " + quote(detached.jobDir(job)), QUICK), "clear the join job");
    if (prepared != null) {
      prepared.clear(joining);
    }
    return new JoinResult(input.joining().host(), adopted, System.currentTimeMillis() - started);
  }

  /** A control plane's prepare: its filled config, then preflight and control-plane-prepare. */
  JoinResult prepare(JoinInput input) {
    long started = System.currentTimeMillis();
    RemoteShell joining = connections.shell(input.joining(), Heartbeats.ofCurrentActivity());
    RemoteShell master = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    FileSpec template = FilledJoinConfig.template(input);
    JoinPreparation prepared = new JoinPreparation(detached, input, template);
    // A join under way (from an earlier run) is the join's to re-attach to; a joined host and a
    // prepared one need nothing.
    boolean adopted =
        recorded(joining, detached, job(input))
            || joined(master, joining, true)
            || prepared.ready(master, joining);
    if (!adopted) {
      if (prepared.finished(joining)) {
        // Prepared for another template, or its config or token is gone: prepare again.
        prepared.clear(joining);
      }
      if (!prepared.started(joining)) {
        InterruptedJoin.clear(master, joining, true);
        FilledJoinConfig.write(master, joining, template, true);
      }
      String command = prepared.command();
      CommandResult result = detached.run(joining, prepared.job(), command, PREPARE_TIMEOUT);
      if (!result.ok()) {
        removeFilledConfig(joining, template);
        throw joining.failure(
            "prepare the join", RemoteCommand.of(command, PREPARE_TIMEOUT), result);
      }
    }
    return new JoinResult(input.joining().host(), adopted, System.currentTimeMillis() - started);
  }

  private static void removeFilledConfig(RemoteShell joining, FileSpec template) {
    joining.runOk(
        RemoteCommand.of("rm -f " + quote(template.path()), QUICK),
        "remove the filled join config");
  }

  /** The detached job of the join (the whole one, or the phases a prepare left). */
  private static String job(JoinInput input) {
    return input.joinStep().id() + ".join";
  }

  /** Whether the detached job was started and its result not yet consumed. */
  static boolean recorded(RemoteShell joining, DetachedCommand detached, String job) {
    return joining
        .run(
            RemoteCommand.of("test -f " + quote(detached.jobDir(job)) + "/started", QUICK)
                .withSummary("look for a job " + job))
        .ok();
  }

  /**
   * kubelet.conf there, registered, and an etcd member by name when a control plane: what a
   * finished join leaves.
   */
  private static boolean joined(RemoteShell master, RemoteShell joining, boolean controlPlane) {
    if (!joining.run("test -f " + KUBELET_CONF, QUICK).ok()) {
      return false;
    }
    ClusterQueries cluster = new ClusterQueries(master);
    String node = joining.target().host();
    return cluster.nodes().containsKey(node)
        && (!controlPlane || cluster.etcdMembers().contains(node));
  }

  private static void awaitMembership(RemoteShell master, String node, boolean controlPlane) {
    ClusterQueries cluster = new ClusterQueries(master);
    Polling.until(
        master.heartbeat(),
        node + " registered",
        REGISTER_TIMEOUT,
        POLL,
        () -> cluster.nodes().containsKey(node) ? Optional.of(true) : Optional.empty(),
        () -> "nodes " + cluster.nodes().keySet());
    if (controlPlane) {
      Polling.until(
          master.heartbeat(),
          node + " an etcd member",
          REGISTER_TIMEOUT,
          POLL,
          () -> cluster.etcdMembers().contains(node) ? Optional.of(true) : Optional.empty(),
          () -> "etcd members " + cluster.etcdMembers());
    }
  }
}
