package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What Temporal knows of a cluster's operations, asked by a run that was not started under the
 * cluster's id.
 */
@ActivityInterface
public interface OperationActivities {

  /**
   * The workflow type of the open run under workflowId (an operation of the cluster), or "" when
   * none is open.
   */
  @ActivityMethod(name = "RunningOperation")
  String runningOperation(String workflowId);
}
