package io.kubeha.workflow.removal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.TestInventories;
import io.kubeha.plan.daytwo.OperationPlan;
import io.kubeha.plan.daytwo.PlannedStep;
import io.kubeha.plan.daytwo.RemovalPlanRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed removal names each node's steps as the workflow runs and shows them. */
class RemovalPlanMatchesWorkflowTest {
  @Test
  void eachNodesStepsAreTheWorkflowsChain() {
    OperationPlan plan =
        RemovalPlanRenderer.render(
            TestInventories.lab(), List.of("kube-master-3", "kube-worker-3"), 300);
    assertEquals(RemoveNode.steps(true), names(plan, "kube-master-3"));
    assertEquals(RemoveNode.steps(false), names(plan, "kube-worker-3"));
  }

  private static List<String> names(OperationPlan plan, String host) {
    return plan.steps(host).stream().map(PlannedStep::name).toList();
  }
}
