package io.kubeha.activity;

import io.kubeha.plan.Step;

/**
 * Init the first master: the step writes the kubeadm config; adminConfPath is where the operator's
 * copy of admin.conf goes on the worker's machine.
 */
public record InitInput(SshTarget firstMaster, Step initStep, String adminConfPath) {}
