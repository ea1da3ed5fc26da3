package io.kubeha.activity;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.PlanRenderer.ControlPlaneJoin;
import io.kubeha.plan.PlanRenderer.TimePackage;

/**
 * The inventory to render the plan of, in the run's layout (controlPlaneJoin null from runs started
 * before it was sent: WHOLE).
 */
public record RenderPlanInput(
    Inventory inventory, TimePackage timePackage, ControlPlaneJoin controlPlaneJoin) {

  public ControlPlaneJoin joinLayout() {
    return controlPlaneJoin == null ? ControlPlaneJoin.WHOLE : controlPlaneJoin;
  }
}
