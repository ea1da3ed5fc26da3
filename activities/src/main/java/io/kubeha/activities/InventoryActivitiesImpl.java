package io.kubeha.activities;

import io.kubeha.activity.FetchInventoryInput;
import io.kubeha.activity.InventoryActivities;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.failure.ApplicationFailure;

/**
 * Reads the inventory from the bring-up run through the worker's own Temporal client, so any worker
 * on any machine can serve it. The inventory holds key paths, never key contents.
 */
public final class InventoryActivitiesImpl implements InventoryActivities {
  /** The failure type when the run to read from does not exist (retrying cannot help). */
  public static final String NO_SUCH_RUN = "NoSuchRun";

  private final WorkflowClient client;

  public InventoryActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Inventory fetchInventory(FetchInventoryInput input) {
    return queryRun(
        client,
        input.workflowId(),
        input.runId(),
        "the inventory",
        ClusterBringUp.INVENTORY,
        Inventory.class);
  }

  /** Asks a bring-up run (runId null: the latest) a query; what names the answer in errors. */
  static <T> T queryRun(
      WorkflowClient client,
      String workflowId,
      String runId,
      String what,
      String query,
      Class<T> type,
      Object... args) {
    try {
      return client
          .newUntypedWorkflowStub(
              WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build())
          .query(query, type, args);
    } catch (WorkflowNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no bring-up run " + workflowId + " to read " + what + " from", NO_SUCH_RUN);
    }
  }
}
