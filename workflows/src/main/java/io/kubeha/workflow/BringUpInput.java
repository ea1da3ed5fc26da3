package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;

/**
 * What a bring-up needs: the inventory (defaults filled, ssh paths absolute), where admin.conf goes
 * on the worker's machine, whether to skip the approval gate and whether to prove failover.
 */
public record BringUpInput(
    Inventory inventory, String adminConfPath, boolean autoApprove, boolean proveFailover) {}
