package io.kubeha.workflow.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.TestInventories;
import io.kubeha.plan.daytwo.CertificatesPlanRenderer;
import io.kubeha.plan.daytwo.PlannedStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed renewal names each control plane's steps as the workflow shows them. */
class CertificatesPlanMatchesWorkflowTest {
  @Test
  void eachControlPlanesStepsAreTheWorkflows() {
    var plan = CertificatesPlanRenderer.render(TestInventories.lab(), "/var/lib/kubeha");
    assertEquals(
        List.of(
            CertificateCare.CHECK,
            CertificateCare.RENEW,
            CertificateCare.RESTART,
            CertificateCare.CHECK),
        plan.steps("kube-master-2").stream().map(PlannedStep::name).toList());
  }
}
