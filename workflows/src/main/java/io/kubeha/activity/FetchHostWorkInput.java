package io.kubeha.activity;

import io.kubeha.plan.Phase;

/** Which host's work of which phase to read from which bring-up run (runId null: its latest). */
public record FetchHostWorkInput(String workflowId, String runId, String host, Phase phase) {}
