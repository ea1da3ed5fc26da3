package io.kubeha.activity;

/** The bring-up run whose inventory to fetch; runId null means its latest run. */
public record FetchInventoryInput(String workflowId, String runId) {}
