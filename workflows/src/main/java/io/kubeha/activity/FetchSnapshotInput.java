package io.kubeha.activity;

/**
 * Fetch the snapshot saved on the node (as saveSnapshot reported it) into request.dir on the
 * operator's side.
 */
public record FetchSnapshotInput(SnapshotInput request, EtcdSnapshot saved) {}
