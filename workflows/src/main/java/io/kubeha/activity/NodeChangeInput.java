package io.kubeha.activity;

/**
 * One change to one node: acting is a control plane that stays (where kubectl and etcd are asked),
 * node the host being changed. drainTimeoutSeconds bounds a drain.
 */
public record NodeChangeInput(
    SshTarget acting, SshTarget node, boolean controlPlane, int drainTimeoutSeconds) {}
