package io.kubeha.workflow;

/** The accepted approval: who approved init on which first master. */
public record ApproveInitResult(String approvedBy, String firstMaster) {}
