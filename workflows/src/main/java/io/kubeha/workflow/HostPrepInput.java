package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;

/**
 * Prepare one host. The child renders its plan itself. inventory is null since the parent stopped
 * sending it (it made the parent's history grow as hosts squared): the child then fetches it from
 * the parent run by an activity. Runs started before carry it.
 */
public record HostPrepInput(Inventory inventory, String host) {

  /** The input of a child that fetches the inventory from its parent. */
  static HostPrepInput of(String host) {
    return new HostPrepInput(null, host);
  }
}
