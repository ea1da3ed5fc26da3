package io.kubeha.activity;

/**
 * What the cluster's etcd says now through one control plane: its revision and size, or answered
 * false when it did not.
 */
public record EtcdStatus(String host, boolean answered, long revision, long dbSize) {}
