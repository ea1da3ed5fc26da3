package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.activity.CheckPod;
import io.kubeha.activity.SshTarget;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.ssh.Heartbeat;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import io.kubeha.ssh.SshConnections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The check's probes: from every node over SSH (the Service's ClusterIP, the node's own NodePort,
 * the Service's name in cluster DNS), and from inside each Pod through netexec's /dial (the Service
 * by its DNS name, each Pod on another node).
 */
final class WorkloadProbes {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String CURL = "curl -fsS --max-time 5 ";
  // Without -f: netexec says in the body why it refused a /dial (a name it could not resolve); its
  // own request may take 5 s.
  private static final String DIAL_CURL = "curl -sS --max-time 10 ";

  private final SshConnections connections;
  private final Heartbeat heartbeat;
  private final RemoteShell firstMaster;

  WorkloadProbes(SshConnections connections, Heartbeat heartbeat, RemoteShell firstMaster) {
    this.connections = connections;
    this.heartbeat = heartbeat;
    this.firstMaster = firstMaster;
  }

  /** Three probes from each node; kubeDns is cluster DNS's address, dnsName the Service's. */
  List<ProbeRounds.Probe> fromNodes(
      List<SshTarget> nodes,
      List<CheckPod> pods,
      WorkloadJson.ServiceAddress service,
      String kubeDns,
      String dnsName) {
    List<String> names = pods.stream().map(CheckPod::name).toList();
    List<ProbeRounds.Probe> probes = new ArrayList<>();
    for (SshTarget node : nodes) {
      RemoteShell shell = connections.shell(node, heartbeat);
      String clusterIp = hostPort(service.clusterIp(), CheckWorkload.SERVICE_PORT);
      String nodePort = hostPort(node.address(), service.nodePort());
      probes.add(
          new ProbeRounds.Probe(
              "ClusterIP " + clusterIp,
              node.host(),
              () -> ProbeAnswers.hostname(shell.run(curl(clusterIp)), names)));
      probes.add(
          new ProbeRounds.Probe(
              "NodePort " + nodePort,
              node.host(),
              () -> ProbeAnswers.hostname(shell.run(curl(nodePort)), names)));
      probes.add(
          new ProbeRounds.Probe(
              "DNS " + dnsName + " at " + kubeDns,
              node.host(),
              () ->
                  ProbeAnswers.dns(
                      shell.run(
                          RemoteCommand.of(DnsQuery.command(kubeDns, dnsName), TIMEOUT)
                              .withSummary("ask " + kubeDns + " for " + dnsName)),
                      service.clusterIp())));
    }
    return probes;
  }

  /** From each Pod: the Service by its DNS name, then each Pod on another node by its IP. */
  List<ProbeRounds.Probe> fromPods(List<CheckPod> pods, String dnsName) {
    List<String> names = pods.stream().map(CheckPod::name).toList();
    List<ProbeRounds.Probe> probes = new ArrayList<>();
    for (CheckPod from : pods) {
      String where = "Pod " + from.name() + " on " + from.node();
      probes.add(
          new ProbeRounds.Probe(
              "DNS " + dnsName + ":" + CheckWorkload.SERVICE_PORT,
              where,
              () -> dial(from, dnsName, CheckWorkload.SERVICE_PORT, names)));
      for (CheckPod to : pods) {
        if (!to.node().equals(from.node())) {
          probes.add(
              new ProbeRounds.Probe(
                  "Pod " + to.name() + " at " + hostPort(to.ip(), CheckWorkload.POD_PORT),
                  where,
                  () -> dial(from, to.ip(), CheckWorkload.POD_PORT, List.of(to.name()))));
        }
      }
    }
    return probes;
  }

  /** Asks the Pod from, through the first master, to GET http://host:port/hostname itself. */
  private ProbeAnswers.Verdict dial(CheckPod from, String host, int port, List<String> expected) {
    String url =
        "http://"
            + hostPort(from.ip(), CheckWorkload.POD_PORT)
            + "/dial?request=hostname&protocol=http&host="
            + host
            + "&port="
            + port
            + "&tries=1";
    return ProbeAnswers.dial(
        firstMaster.run(RemoteCommand.of(DIAL_CURL + quote(url), TIMEOUT)), expected);
  }

  private static RemoteCommand curl(String hostPort) {
    return RemoteCommand.of(CURL + quote("http://" + hostPort + "/hostname"), TIMEOUT);
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
