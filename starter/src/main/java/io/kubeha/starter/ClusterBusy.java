package io.kubeha.starter;

import io.temporal.client.WorkflowExecutionDescription;

/**
 * Another operation is open on the cluster (they share the workflow id kubeha-CLUSTER): nothing was
 * started.
 */
final class ClusterBusy extends RuntimeException {
  ClusterBusy(String cluster, String wanted, WorkflowExecutionDescription running) {
    super(
        "cluster "
            + cluster
            + " is busy: "
            + Operations.describe(running.getWorkflowType())
            + " is running (run "
            + running.getExecution().getRunId()
            + ", started "
            + running.getStartTime()
            + "), so the "
            + wanted
            + " was not started. One operation at a time per cluster: wait for it (./kubeha watch "
            + cluster
            + ") or cancel it (./kubeha cancel "
            + cluster
            + ")");
  }
}
