package io.kubeha.activity;

import io.kubeha.inventory.Inventory;

/** The inventory a day-2 run's plan steps are rendered for (the upgrade's: at its target). */
public record RenderOperationStepsInput(Inventory inventory) {}
