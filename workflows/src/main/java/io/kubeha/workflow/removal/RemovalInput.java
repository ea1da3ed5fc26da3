package io.kubeha.workflow.removal;

import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * The cluster's inventory (still listing the nodes), the nodes to remove, and how long a drain may
 * take.
 */
public record RemovalInput(Inventory inventory, List<String> nodes, int drainTimeoutSeconds) {}
