package io.kubeha.workflow.bringup;

/** How many of the host's node-prep steps changed something. */
public record HostPrepResult(String host, int stepsApplied, int stepsTotal) {}
