package io.kubeha.workflow.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.TestInventories;
import io.kubeha.plan.daytwo.UpgradePlanRenderer;
import org.junit.jupiter.api.Test;

/**
 * The printed upgrade has, per node, its pull before the gate and as many steps as the workflow's
 * hosts board counts for its roll.
 */
class UpgradePlanMatchesWorkflowTest {
  @Test
  void eachNodeHasTheWorkflowsSteps() {
    var plan = UpgradePlanRenderer.render(TestInventories.lab(), 1, 300, "/var/lib/kubeha");
    assertEquals(1 + UpgradeNode.STEPS, plan.steps("kube-worker-1").size());
    assertEquals(1 + UpgradeNode.STEPS, plan.steps("kube-master-2").size());
  }
}
