package io.kubeha.activity;

import java.util.List;

/**
 * The check's workload: kubectl runs on firstMaster, the probes from each of nodes (control planes
 * and workers, at their inventory addresses); manifest is what to apply, serviceDnsName what the
 * Service is called in cluster DNS, replicas how many Pods must be available. keep leaves the
 * workload in place afterwards.
 */
public record WorkloadCheckInput(
    SshTarget firstMaster,
    List<SshTarget> nodes,
    String manifest,
    String serviceDnsName,
    int replicas,
    boolean keep) {}
