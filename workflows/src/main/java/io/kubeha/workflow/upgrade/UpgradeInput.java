package io.kubeha.workflow.upgrade;

import io.kubeha.inventory.Inventory;

/**
 * The inventory at the target version (spec.kubernetes.version), the workers' bound, and whether
 * the gate is pre-approved.
 */
public record UpgradeInput(
    Inventory inventory, int maxUnavailable, int drainTimeoutSeconds, boolean autoApprove) {}
