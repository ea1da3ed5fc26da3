package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Questions asked of the cluster through kubectl on the first master. */
final class ClusterQueries {
  static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
  private static final String KUBECTL = "kubectl --kubeconfig " + ADMIN_CONF;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final RemoteShell firstMaster;

  ClusterQueries(RemoteShell firstMaster) {
    this.firstMaster = firstMaster;
  }

  /** Registered nodes by name, true when Ready. */
  Map<String, Boolean> nodes() {
    String json = firstMaster.runOk(RemoteCommand.of(KUBECTL + " get nodes -o json", TIMEOUT), "list nodes").stdout();
    return ClusterJson.nodeReadiness(json);
  }

  /**
   * The names of etcd's started members (a member added but not yet started has none), asked of
   * the first master's local etcd through its gRPC gateway with kubeadm's health-check client
   * certificate: works on any stacked control plane without etcdctl on the host or exec into a Pod.
   */
  List<String> etcdMembers() {
    String pki = "/etc/kubernetes/pki/etcd/";
    String command = "curl -sS --fail --max-time 10 --cacert " + pki + "ca.crt --cert " + pki + "healthcheck-client.crt"
        + " --key " + pki + "healthcheck-client.key -X POST -d '{}' https://127.0.0.1:2379/v3/cluster/member/list";
    String json = firstMaster.runOk(RemoteCommand.of(command, TIMEOUT).withSummary("etcd member list"),
        "list etcd members").stdout();
    return ClusterJson.etcdMemberNames(json).stream().filter(name -> !name.isEmpty()).toList();
  }

  /** True when the API server answers ok on its health endpoint through host:port. */
  boolean apiHealthy(String host, int port) {
    String url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/healthz";
    var result = firstMaster.run(RemoteCommand.of("curl -sk --max-time 5 " + quote(url), Duration.ofSeconds(15)));
    return result.ok() && result.stdout().trim().equals("ok");
  }
}
