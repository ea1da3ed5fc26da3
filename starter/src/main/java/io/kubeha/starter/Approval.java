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
      return connection.run(cluster).approveInit(request(cluster));
    } catch (WorkflowUpdateException e) {
      throw new BadInputException(
          "the run of cluster " + cluster + " did not take the approval: " + FailureText.of(e));
    }
  }

  /** An approval by this user, naming the cluster as every gate requires. */
  static ApprovalRequest request(String cluster) {
    return new ApprovalRequest(approver(), cluster);
  }

  /** Who approves, as the run records it: cli:USER. */
  static String approver() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }
}
