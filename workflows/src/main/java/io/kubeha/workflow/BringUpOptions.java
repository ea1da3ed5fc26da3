package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** Start options of a bring-up: its id, queue, summary and initial phase, for every starter. */
public final class BringUpOptions {
  private BringUpOptions() {}

  public static WorkflowOptions of(String cluster) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.cluster(cluster))
        .setTaskQueue(TaskQueues.KUBEHA)
        .setStaticSummary("Bring up Kubernetes cluster " + cluster)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder().set(SearchAttributeKeys.KUBEHA_PHASE, Phase.VALIDATE.name()).build())
        .build();
  }
}
