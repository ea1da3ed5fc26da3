package io.kubeha.activity;

import io.kubeha.inventory.Inventory;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Hands a HostPrep child its cluster's inventory, so the child's start event (which lives in the
 * parent's history) carries only the host name and the parent's history grows linearly in hosts.
 */
@ActivityInterface
public interface InventoryActivities {

  /** The inventory the bring-up run was started with, read from that run (the inventory query). */
  @ActivityMethod(name = "FetchInventory")
  Inventory fetchInventory(FetchInventoryInput input);
}
