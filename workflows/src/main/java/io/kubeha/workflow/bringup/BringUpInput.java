package io.kubeha.workflow.bringup;

import io.kubeha.inventory.Inventory;

/**
 * What a bring-up needs: the inventory (defaults filled, ssh paths absolute), where admin.conf goes
 * on the worker's machine, whether to skip the approval gate and whether to prove failover. graph:
 * run the bring-up as its dependency graph (docs/graph.md) instead of phase by phase; opt-in until
 * an addition campaign failure seen with it is understood (docs/graph.md). groupHostsAbove: a graph
 * run of more hosts runs its workers in groups, each a child run (null: {@link
 * ClusterBringUpImpl#GROUP_HOSTS_ABOVE}; tests set a small one).
 */
public record BringUpInput(
    Inventory inventory,
    String adminConfPath,
    boolean autoApprove,
    boolean proveFailover,
    boolean graph,
    Integer groupHostsAbove) {

  public BringUpInput(
      Inventory inventory,
      String adminConfPath,
      boolean autoApprove,
      boolean proveFailover,
      boolean graph) {
    this(inventory, adminConfPath, autoApprove, proveFailover, graph, null);
  }

  /** More hosts than this run in groups. */
  int groupAbove() {
    return groupHostsAbove == null ? ClusterBringUpImpl.GROUP_HOSTS_ABOVE : groupHostsAbove;
  }
}
