package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;

/** Prepare one host: the child renders the plan itself, so its input stays small at 100+ hosts. */
public record HostPrepInput(Inventory inventory, String host) {}
