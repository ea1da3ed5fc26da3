package io.kubeha.activity;

import io.kubeha.plan.Step;

/**
 * Join one host. The step holds the join's non-secret parts (the JoinConfiguration template without
 * token or key); the activity fills them in on the hosts.
 */
public record JoinInput(
    SshTarget firstMaster, SshTarget joining, boolean controlPlane, Step joinStep) {}
