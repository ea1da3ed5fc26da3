package io.kubeha.workflow.check;

import io.kubeha.inventory.Inventory;

/**
 * A workload check of the cluster with image (agnhost, or one that answers as its netexec does);
 * keep leaves the workload in place afterwards.
 */
public record CheckInput(Inventory inventory, String image, boolean keep) {}
