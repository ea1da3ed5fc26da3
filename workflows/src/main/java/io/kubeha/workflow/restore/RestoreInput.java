package io.kubeha.workflow.restore;

import io.kubeha.inventory.Inventory;

/**
 * Restore the cluster's etcd from the snapshot at snapshotPath on the operator's side; autoApprove
 * skips the gate.
 */
public record RestoreInput(Inventory inventory, String snapshotPath, boolean autoApprove) {}
