package io.kubeha.workflow.backup;

import io.kubeha.inventory.Inventory;

/**
 * One etcd snapshot of the cluster, copied into dir on the operator's side (the worker's machine);
 * keep: how many snapshots dir keeps afterwards, the oldest deleted first (0: all). scheduled:
 * started by the cluster's Schedule.
 */
public record BackupInput(Inventory inventory, String dir, int keep, boolean scheduled) {}
