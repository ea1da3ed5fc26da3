package io.kubeha.workflow.reset;

import io.kubeha.inventory.Inventory;

/** The inventory of the cluster to reset. */
public record ResetInput(Inventory inventory) {}
