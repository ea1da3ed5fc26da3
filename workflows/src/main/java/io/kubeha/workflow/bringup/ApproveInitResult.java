package io.kubeha.workflow.bringup;

/** The accepted approval: who approved init on which first master. */
public record ApproveInitResult(String approvedBy, String firstMaster) {}
