package io.kubeha.activity;

/** Which group's work to read from which bring-up run (runId null: its latest). */
public record FetchGroupWorkInput(String workflowId, String runId, int group) {}
