package io.kubeha.workflow;

/** An operator's approval of kubeadm init. */
public record ApproveInitRequest(String approvedBy) {}
