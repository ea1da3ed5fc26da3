package io.kubeha.inventory;

/** metadata: the cluster's name, from which the workflow id kubeha-NAME is derived. */
public record Metadata(String name) {}
