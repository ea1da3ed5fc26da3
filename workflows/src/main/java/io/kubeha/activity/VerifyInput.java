package io.kubeha.activity;

import java.util.List;

/**
 * What to verify: the nodes, the masters (etcd members), the LBs and endpoint, whether to prove
 * failover, the namespaces whose DaemonSets and Deployments must be fully available (kube-system
 * and the CNI's), and the cluster's DNS domain, whose kubernetes.default Service cluster DNS must
 * resolve. Empty namespaces or a null domain skip those checks (inputs recorded before them).
 */
public record VerifyInput(
    SshTarget firstMaster,
    List<String> expectedNodes,
    List<String> controlPlanes,
    List<SshTarget> loadBalancers,
    String vip,
    int endpointPort,
    boolean proveFailover,
    List<String> addonNamespaces,
    String dnsDomain) {

  public VerifyInput {
    addonNamespaces = addonNamespaces == null ? List.of() : List.copyOf(addonNamespaces);
  }
}
