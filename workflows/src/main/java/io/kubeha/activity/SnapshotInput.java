package io.kubeha.activity;

/**
 * Take snapshot name on node (takenAt: the run's start, ISO-8601), or fetch it into dir on the
 * operator's side.
 */
public record SnapshotInput(SshTarget node, String name, String takenAt, String dir) {}
