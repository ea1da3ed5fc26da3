package io.kubeha.activity;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.PlanRenderer.TimePackage;

/** The inventory to render the plan of, in the run's layout. */
public record RenderPlanInput(Inventory inventory, TimePackage timePackage) {}
