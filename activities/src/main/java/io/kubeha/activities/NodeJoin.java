package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.KubeadmConfig;
import io.kubeha.plan.Sha256;
import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.DetachedCommand;
import io.kubeha.steps.RemoteFileWriter;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * Joins one host: mints a token (and a certificate key for a control plane) on the first master,
 * fills the join config on the joining host through stdin, runs kubeadm join detached, and waits
 * until the node is registered (and an etcd member), then deletes its token. The secrets never
 * leave this class.
 */
final class NodeJoin {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration RESET_TIMEOUT = Duration.ofMinutes(5);
  private static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";

  /**
   * What kubeadm join writes before it is done; none of it is there on a host that never joined.
   */
  private static final String LEFTOVERS =
      "test -e "
          + KUBELET_CONF
          + " -o -e /etc/kubernetes/bootstrap-kubelet.conf"
          + " -o -e /etc/kubernetes/pki/ca.crt -o -n \"$(ls -A /etc/kubernetes/manifests 2>/dev/null)\"";

  /**
   * etcd's data dir, which kubeadm's control-plane preflight wants empty. kubeadm reset leaves it
   * when the etcd manifest is already gone ("assuming external etcd"), and an etcd container still
   * running through a reset can write it again after the reset removed it.
   */
  private static final String ETCD_DATA_DIR = "/var/lib/etcd";

  private static final String ETCD_LEFTOVERS =
      " -o -n \"$(ls -A " + ETCD_DATA_DIR + " 2>/dev/null)\"";

  /**
   * With the init config: without one kubeadm guesses this host's address from its default route.
   */
  private static final String UPLOAD_CERTS =
      "kubeadm init phase upload-certs --upload-certs --config " + KubeadmConfig.PATH;

  private final SshConnections connections;
  private final DetachedCommand detached;

  NodeJoin(SshConnections connections, DetachedCommand detached) {
    this.connections = connections;
    this.detached = detached;
  }

  JoinResult run(JoinInput input) {
    long started = System.currentTimeMillis();
    RemoteShell joining = connections.shell(input.joining(), Heartbeats.ofCurrentActivity());
    RemoteShell master = connections.shell(input.firstMaster(), Heartbeats.ofCurrentActivity());
    String job = input.joinStep().id() + ".join";
    boolean jobRecorded =
        joining
            .run(
                RemoteCommand.of("test -f " + quote(detached.jobDir(job)) + "/started", QUICK)
                    .withSummary("look for a join job"))
            .ok();
    boolean adopted =
        !jobRecorded
            && joining.run("test -f " + KUBELET_CONF, QUICK).ok()
            && member(master, input.joining().host(), input.controlPlane());
    if (!adopted) {
      FileSpec template = joinTemplate(input);
      if (!jobRecorded) {
        clearInterruptedJoin(master, joining, input.controlPlane());
        writeFilledConfig(master, joining, template, input.controlPlane());
      }
      String command = "kubeadm join --config " + quote(template.path());
      CommandResult result = detached.run(joining, job, command, JOIN_TIMEOUT);
      joining.runOk(
          RemoteCommand.of("rm -f " + quote(template.path()), QUICK),
          "remove the filled join config");
      if (!result.ok()) {
        throw joining.failure("join", RemoteCommand.of(command, JOIN_TIMEOUT), result);
      }
    }
    awaitMembership(master, input.joining().host(), input.controlPlane());
    BootstrapTokens.delete(master, BootstrapTokens.joinOf(input.joining().host()));
    joining.runOk(
        RemoteCommand.of("rm -rf " + quote(detached.jobDir(job)), QUICK), "clear the join job");
    return new JoinResult(input.joining().host(), adopted, System.currentTimeMillis() - started);
  }

  /**
   * A join that died part-way (its host rebooted, its process was killed) leaves certificates,
   * kubeconfigs, static Pod manifests and perhaps an etcd member behind, and kubeadm's preflight
   * refuses to join over them: kubeadm reset the host, and remove an etcd member still named for it
   * or at its peer address, so the join starts clean.
   */
  private static void clearInterruptedJoin(
      RemoteShell master, RemoteShell joining, boolean controlPlane) {
    String look = LEFTOVERS + (controlPlane ? ETCD_LEFTOVERS : "");
    boolean leftovers =
        joining.run(RemoteCommand.of(look, QUICK).withSummary("look for an interrupted join")).ok();
    if (!leftovers) {
      return;
    }
    // Not a member (adoption was ruled out), so its etcd data is a partial join's, not the
    // cluster's.
    String reset =
        "kubeadm reset --force --cri-socket "
            + KubeadmConfig.CRI_SOCKET
            + " && rm -rf /etc/cni/net.d/*"
            + (controlPlane ? " && rm -rf " + ETCD_DATA_DIR : "");
    joining.runOk(
        RemoteCommand.of(reset, RESET_TIMEOUT), "kubeadm reset after an interrupted join");
    if (controlPlane) {
      String host = joining.target().host();
      String peer = "//" + joining.target().address() + ":2380";
      for (ClusterJson.Member m : new ClusterQueries(master).etcdMemberList()) {
        if (m.name().equals(host) || m.peerUrls().stream().anyMatch(u -> u.contains(peer))) {
          master.runOk(
              RemoteCommand.of(
                      ClusterQueries.etcdGateway("remove", "{\"ID\":\"" + m.id() + "\"}"), QUICK)
                  .withSummary("etcd member remove " + host),
              "remove the etcd member of the interrupted join of " + host);
        }
      }
    }
  }

  /** Registered, and an etcd member by name when a control plane: what a finished join leaves. */
  private static boolean member(RemoteShell master, String node, boolean controlPlane) {
    ClusterQueries cluster = new ClusterQueries(master);
    return cluster.nodes().containsKey(node)
        && (!controlPlane || cluster.etcdMembers().contains(node));
  }

  private static FileSpec joinTemplate(JoinInput input) {
    return input.joinStep().files().stream()
        .filter(file -> file.content() != null && file.content().contains("@TOKEN@"))
        .findFirst()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "step " + input.joinStep().id() + " has no join config template with @TOKEN@",
                    "InvalidPlan"));
  }

  private static void writeFilledConfig(
      RemoteShell master, RemoteShell joining, FileSpec template, boolean controlPlane) {
    CommandResult minted =
        master.runOk(
            RemoteCommand.of(BootstrapTokens.create(joining.target().host()), QUICK)
                .asSecret("kubeadm token create"),
            "mint a join token");
    KubeadmOutput.JoinSecrets secrets = KubeadmOutput.joinSecrets(minted.stdout());
    String filled =
        template
            .content()
            .replace("@TOKEN@", secrets.token())
            .replace("@CA_CERT_HASH@", secrets.caCertHash());
    if (controlPlane) {
      CommandResult uploaded =
          master.runOk(
              RemoteCommand.of(UPLOAD_CERTS, QUICK).asSecret("kubeadm init phase upload-certs"),
              "upload certificates");
      filled = filled.replace("@CERTIFICATE_KEY@", KubeadmOutput.certificateKey(uploaded.stdout()));
    }
    RemoteFileWriter.write(
        joining,
        template.path(),
        "0600",
        "root:root",
        Sha256.hex(filled),
        RemoteCommand.Stdin.of(filled),
        "write the join config");
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
