package io.kubeha.activity;

/** Keep the newest keep snapshots of dir (0: keep all). */
public record PruneSnapshotsInput(String dir, int keep) {}
