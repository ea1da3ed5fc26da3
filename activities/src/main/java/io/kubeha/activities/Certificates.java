package io.kubeha.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.CertificateActivities;
import io.kubeha.activity.CertificateExpiry;
import io.kubeha.activity.RenewCertificatesInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.daytwo.CertificateCommands;
import io.kubeha.plan.daytwo.StaticPod;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kubeadm's certificate commands on a control plane. A renewal leaves a marker on the node (its
 * run, then each component restarted), so a retried or resumed attempt renews once and restarts
 * only what it had not.
 */
public final class Certificates implements CertificateActivities {
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration RENEW = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SshConnections connections;
  private final CertificateCommands commands;
  private final AllowedRoots roots;

  /** roots: where admin.conf may be saved on the worker's machine. */
  public Certificates(SshConnections connections, String baseDir, AllowedRoots roots) {
    this.connections = connections;
    this.commands = new CertificateCommands(baseDir);
    this.roots = roots;
  }

  @Override
  public List<CertificateExpiry> checkExpiration(SshTarget node) {
    String out =
        shell(node)
            .runOk(
                RemoteCommand.of(CertificateCommands.CHECK_EXPIRATION, QUICK),
                "kubeadm certs check-expiration")
            .stdout();
    return parse(node.host(), out);
  }

  /**
   * Reads kubeadm's CertificateExpirationInfo (output.kubeadm.k8s.io/v1alpha3); text before the
   * JSON is skipped.
   */
  static List<CertificateExpiry> parse(String host, String out) {
    int start = out.indexOf('{');
    JsonNode info;
    try {
      info = start < 0 ? null : JSON.readTree(out.substring(start));
    } catch (IOException e) {
      info = null;
    }
    if (info == null || !"CertificateExpirationInfo".equals(info.path("kind").asText())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "kubeadm certs check-expiration on "
              + host
              + " printed no CertificateExpirationInfo: "
              + out.substring(0, Math.min(out.length(), 300)),
          "UnexpectedOutput");
    }
    List<CertificateExpiry> rows = new ArrayList<>();
    for (JsonNode c : info.path("certificateAuthorities")) {
      rows.add(row(host, c, true));
    }
    for (JsonNode c : info.path("certificates")) {
      rows.add(row(host, c, false));
    }
    return rows;
  }

  private static CertificateExpiry row(String host, JsonNode c, boolean authority) {
    return new CertificateExpiry(
        host,
        c.path("name").asText(),
        authority,
        c.path("expirationDate").asText(),
        c.path("residualTime").asLong(),
        c.path("caName").asText(""),
        c.path("externallyManaged").asBoolean(),
        c.path("missing").asBoolean());
  }

  @Override
  public StepResult renewCertificates(RenewCertificatesInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    List<String> done = markerLines(node);
    if (done.contains("run " + input.runId()) && done.contains("renewed")) {
      return StepResults.of(input.node().host(), "renew", false, started);
    }
    // The marker first: a kill after the renewal still leaves the restart to do.
    node.runOk(RemoteCommand.of(commands.markRun(input.runId()), QUICK), "mark the renewal");
    node.runOk(RemoteCommand.of(CertificateCommands.RENEW_ALL, RENEW), "kubeadm certs renew all");
    append(node, "renewed");
    return StepResults.of(input.node().host(), "renew", true, started);
  }

  @Override
  public StepResult restartControlPlane(RenewCertificatesInput input) {
    long started = System.currentTimeMillis();
    RemoteShell node = shell(input.node());
    List<String> done = markerLines(node);
    // A renewal of any run that did not finish its restarts is finished here: the running
    // components hold old certs.
    if (!done.contains("renewed")) {
      return StepResults.of(input.node().host(), "restart", false, started);
    }
    StaticPod apiserver = StaticPod.API_SERVER;
    // The API server stays down while its local etcd restarts: it would answer, unready, behind the
    // load balancer.
    if (!done.contains("restarted " + apiserver.name())) {
      StaticPods.stop(node, apiserver);
    }
    // etcd first, one node at a time: the other control planes serve meanwhile.
    for (StaticPod c : StaticPod.CONTROL_PLANE) {
      if (done.contains("restarted " + c.name())) {
        continue;
      }
      if (c != apiserver) {
        StaticPods.stop(node, c);
      }
      StaticPods.start(node, c);
      append(node, "restarted " + c.name());
    }
    node.runOk(RemoteCommand.of(commands.clear(), QUICK), "clear the renewal marker");
    return StepResults.of(input.node().host(), "restart", true, started);
  }

  @Override
  public void saveAdminConf(SshTarget node, String adminConfPath) {
    Path allowed = roots.check("adminConfPath", adminConfPath);
    AdminConfCopy.fetch(shell(node), allowed);
  }

  private List<String> markerLines(RemoteShell node) {
    String out =
        node.runOk(
                RemoteCommand.of(commands.readMarker(), QUICK)
                    .withSummary("read the renewal marker"),
                "read the renewal marker")
            .stdout();
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private void append(RemoteShell node, String line) {
    node.runOk(RemoteCommand.of(commands.record(line), QUICK), "record " + line);
  }

  private RemoteShell shell(SshTarget target) {
    return connections.shell(target, Heartbeats.ofCurrentActivity());
  }
}
