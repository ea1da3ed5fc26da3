package io.kubeha.plan;

/**
 * A Kubernetes release kubeha was built and tested against in its lab: the etcd its kubeadm pins
 * (constants.DefaultEtcdVersion) and the pause image it expects (constants.PauseVersion).
 */
public record KubernetesRelease(
    String version, String etcd, String pause, boolean isDefault, String note) {}
