package io.kubeha.activity;

/**
 * The check's workload as rendered: the manifest to apply, the Service's name in cluster DNS, how
 * many Pods must be available.
 */
public record CheckWorkloadSpec(String manifest, String serviceDnsName, int replicas) {}
