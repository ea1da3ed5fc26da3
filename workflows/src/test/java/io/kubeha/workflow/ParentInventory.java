package io.kubeha.workflow;

import io.kubeha.activity.FetchInventoryInput;
import io.kubeha.activity.InventoryActivities;
import io.kubeha.inventory.Inventory;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowTargetOptions;

/**
 * What the worker's InventoryActivitiesImpl does (the activities module is out of reach here):
 * query the parent.
 */
final class ParentInventory implements InventoryActivities {
  private final WorkflowClient client;

  ParentInventory(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Inventory fetchInventory(FetchInventoryInput input) {
    return client
        .newUntypedWorkflowStub(
            WorkflowTargetOptions.newBuilder()
                .setWorkflowId(input.workflowId())
                .setRunId(input.runId())
                .build())
        .query(ClusterBringUp.INVENTORY, Inventory.class);
  }
}
