package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** Start options of a bring-up: its id, queue, summary and initial phase, for every starter. */
public final class BringUpOptions {
  private BringUpOptions() {}

  public static WorkflowOptions of(String cluster) {
    return operation(cluster, "Bring up Kubernetes cluster " + cluster);
  }

  /**
   * Every operation on a cluster (bring-up, removal, ...) runs under the one workflow id
   * kubeha-CLUSTER: Temporal refuses to start a second while one is open, so operations on a
   * cluster never overlap, and status, watch and cancel find whichever runs.
   */
  public static WorkflowOptions operation(String cluster, String summary) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.cluster(cluster))
        .setTaskQueue(TaskQueues.KUBEHA)
        .setStaticSummary(summary)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(SearchAttributeKeys.KUBEHA_PHASE, Phase.VALIDATE.name())
                .build())
        .build();
  }
}
