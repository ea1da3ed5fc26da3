package io.kubeha.workflow;

import io.kubeha.activity.PlanActivities;
import io.kubeha.workflow.engine.SearchAttributeKeys;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * A started test environment (the KubehaPhase search attribute registered) running these workflows
 * on activities.
 */
final class DayTwoEnvironment {
  private DayTwoEnvironment() {}

  static TestWorkflowEnvironment start(Object activities, Class<?>... workflows) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute(
                    SearchAttributeKeys.KUBEHA_PHASE.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    Worker worker = env.newWorker(TaskQueues.KUBEHA);
    worker.registerWorkflowImplementationTypes(workflows);
    worker.registerActivitiesImplementations(activities);
    if (!(activities instanceof PlanActivities)) {
      // The worker renders the reset's and the upgrade's steps (RenderOperationSteps).
      worker.registerActivitiesImplementations(new ParentRun(env.getWorkflowClient()));
    }
    env.start();
    return env;
  }
}
