package io.kubeha.activity;

import io.kubeha.plan.Step;

/** One step of the plan to bring about on one host. */
public record ApplyStepInput(SshTarget target, Step step) {}
