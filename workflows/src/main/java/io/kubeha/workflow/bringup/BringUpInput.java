package io.kubeha.workflow.bringup;

import io.kubeha.inventory.Inventory;

/**
 * What a bring-up needs: the inventory (defaults filled, ssh paths absolute), where admin.conf goes
 * on the worker's machine, whether to skip the approval gate and whether to prove failover. graph:
 * run the bring-up as its dependency graph (docs/graph.md) instead of phase by phase; opt-in until
 * an addition campaign failure seen with it is understood (docs/graph.md).
 */
public record BringUpInput(
    Inventory inventory,
    String adminConfPath,
    boolean autoApprove,
    boolean proveFailover,
    boolean graph) {}
