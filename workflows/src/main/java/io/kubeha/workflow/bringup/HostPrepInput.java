package io.kubeha.workflow.bringup;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.PlanRenderer.TimePackage;

/**
 * Prepare one host. The child renders its plan itself, in its parent's layout (timePackage; null in
 * runs started before it was sent: WITH_TIME_PHASES). inventory is null since the parent stopped
 * sending it (it made the parent's history grow as hosts squared): the child then fetches it from
 * the parent run by an activity. Runs started before carry it.
 */
public record HostPrepInput(Inventory inventory, String host, TimePackage timePackage) {

  /** The input of a child that fetches the inventory from its parent. */
  static HostPrepInput of(String host, TimePackage timePackage) {
    return new HostPrepInput(null, host, timePackage);
  }

  TimePackage layout() {
    return timePackage == null ? TimePackage.WITH_TIME_PHASES : timePackage;
  }
}
