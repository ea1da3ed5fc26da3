package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.plan.daytwo.ControlPlaneAccess;
import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Questions asked of the cluster through kubectl on the first master. */
final class ClusterQueries {
  static final String ADMIN_CONF = ControlPlaneAccess.ADMIN_CONF;
  static final String KUBECTL = ControlPlaneAccess.KUBECTL;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final RemoteShell firstMaster;

  ClusterQueries(RemoteShell firstMaster) {
    this.firstMaster = firstMaster;
  }

  /** Registered nodes by name, true when Ready. */
  Map<String, Boolean> nodes() {
    String json =
        firstMaster
            .runOk(RemoteCommand.of(KUBECTL + " get nodes -o json", TIMEOUT), "list nodes")
            .stdout();
    return ClusterJson.nodeReadiness(json);
  }

  /**
   * The names of etcd's started members (a member added but not yet started has none), asked of the
   * first master's local etcd through its gRPC gateway with kubeadm's health-check client
   * certificate: works on any stacked control plane without etcdctl on the host or exec into a Pod.
   */
  List<String> etcdMembers() {
    return etcdMemberList().stream()
        .map(ClusterJson.Member::name)
        .filter(name -> !name.isEmpty())
        .toList();
  }

  /** Every etcd member with its id and client URLs, asked the same way. */
  List<ClusterJson.Member> etcdMemberList() {
    String json =
        firstMaster
            .runOk(
                RemoteCommand.of(etcdGateway("list", "{}"), TIMEOUT)
                    .withSummary("etcd member list"),
                "list etcd members")
            .stdout();
    return ClusterJson.etcdMembers(json);
  }

  /** POST body to the local etcd gateway's /v3/cluster/member/ACTION (ControlPlaneAccess). */
  static String etcdGateway(String action, String body) {
    return ControlPlaneAccess.etcdGateway(action, body);
  }

  /** The namespace's DaemonSets and Deployments that are not fully available (ClusterJson). */
  List<String> unavailableWorkloads(String namespace) {
    String json =
        firstMaster
            .runOk(
                RemoteCommand.of(
                    KUBECTL + " -n " + quote(namespace) + " get daemonsets,deployments -o json",
                    TIMEOUT),
                "list the workloads of " + namespace)
            .stdout();
    return ClusterJson.unavailableWorkloads(json);
  }

  /** The cluster DNS Service's address (kube-system/kube-dns, which kubeadm's CoreDNS has). */
  String clusterDnsAddress() {
    return firstMaster
        .runOk(
            RemoteCommand.of(
                KUBECTL + " -n kube-system get service kube-dns -o jsonpath={.spec.clusterIP}",
                TIMEOUT),
            "read the cluster DNS address")
        .stdout()
        .trim();
  }

  /** True when the cluster DNS at address answers name's A record, asked from the first master. */
  boolean dnsAnswers(String address, String name) {
    var result =
        firstMaster.run(
            RemoteCommand.of(DnsQuery.command(address, name), Duration.ofSeconds(15))
                .withSummary("ask " + address + " for " + name));
    return result.ok() && DnsQuery.answered(result.stdout());
  }

  /** True when the API server answers ok on its health endpoint through host:port. */
  boolean apiHealthy(String host, int port) {
    String url =
        "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/healthz";
    var result =
        firstMaster.run(
            RemoteCommand.of("curl -sk --max-time 5 " + quote(url), Duration.ofSeconds(15)));
    return result.ok() && result.stdout().trim().equals("ok");
  }
}
