package io.kubeha.workflow.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.TestInventories;
import io.kubeha.plan.daytwo.PlannedStep;
import io.kubeha.plan.daytwo.RestorePlanRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed restore names each control plane's steps as the workflow shows them. */
class RestorePlanMatchesWorkflowTest {
  @Test
  void eachControlPlanesStepsAreTheWorkflows() {
    var plan =
        RestorePlanRenderer.render(TestInventories.lab(), "/tmp/s.db", "ab", "/var/lib/kubeha");
    assertEquals(
        List.of(
            RestoreContext.UPLOAD,
            RestoreContext.STOP,
            RestoreContext.RESTORE,
            RestoreContext.START_ETCD,
            RestoreContext.ETCD_HEALTHY,
            RestoreContext.START,
            RestoreContext.PUT_BACK,
            RestoreContext.START_ETCD,
            RestoreContext.ETCD_HEALTHY,
            RestoreContext.START),
        plan.steps("kube-master-1").stream().map(PlannedStep::name).toList());
  }
}
