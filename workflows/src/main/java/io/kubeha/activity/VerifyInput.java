package io.kubeha.activity;

import java.util.List;

/**
 * What to verify: the nodes, the masters (etcd members), the LBs and endpoint, and whether to prove
 * failover.
 */
public record VerifyInput(
    SshTarget firstMaster,
    List<String> expectedNodes,
    List<String> controlPlanes,
    List<SshTarget> loadBalancers,
    String vip,
    int endpointPort,
    boolean proveFailover) {}
