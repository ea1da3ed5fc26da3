package io.kubeha.activity;

import java.util.List;

/** What verification saw. ok is true only when every check held; problems says which did not. */
public record VerifyReport(
    boolean ok,
    List<String> readyNodes,
    List<String> etcdMembers,
    String vipHolder,
    boolean apiThroughEndpoint,
    String failover,
    List<String> problems) {}
