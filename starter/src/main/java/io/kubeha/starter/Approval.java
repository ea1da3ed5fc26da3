package io.kubeha.starter;

import io.kubeha.workflow.bringup.ApproveInitResult;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.temporal.client.WorkflowUpdateException;

/**
 * Sends the approveInit update; the workflow's validator rejects it unless the run waits at the
 * gate and the request names its cluster.
 */
final class Approval {
  private Approval() {}

  static ApproveInitResult send(TemporalConnection connection, String cluster) {
    try {
      return connection
          .run(cluster)
          .approveInit(new ApprovalRequest(connection.approver(), cluster));
    } catch (WorkflowUpdateException e) {
      throw new BadInputException(
          "the run of cluster " + cluster + " did not take the approval: " + FailureText.of(e));
    }
  }
}
