package io.kubeha.workflow.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.TestInventories;
import io.kubeha.plan.daytwo.ResetPlanRenderer;
import org.junit.jupiter.api.Test;

/** The printed reset has as many steps per node as the workflow's hosts board counts. */
class ResetPlanMatchesWorkflowTest {
  @Test
  void eachNodeHasTheWorkflowsSteps() {
    var plan = ResetPlanRenderer.render(TestInventories.lab());
    assertEquals(ResetNodes.STEPS, plan.steps("kube-worker-2").size());
    assertEquals(ResetNodes.STEPS, plan.steps("kube-master-1").size());
  }
}
