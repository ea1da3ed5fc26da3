package io.kubeha.activities;

import io.kubeha.activity.OperationActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;

/** Reads a cluster's operation from Temporal through the worker's own client. */
public final class RunningOperations implements OperationActivities {
  private final WorkflowClient client;

  public RunningOperations(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public String runningOperation(String workflowId) {
    try {
      WorkflowExecutionDescription d = client.newUntypedWorkflowStub(workflowId).describe();
      return d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          ? d.getWorkflowType()
          : "";
    } catch (WorkflowNotFoundException e) {
      return "";
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return "";
      }
      throw e;
    }
  }
}
