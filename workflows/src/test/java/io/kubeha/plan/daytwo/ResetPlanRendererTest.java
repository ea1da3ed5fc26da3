package io.kubeha.plan.daytwo;

import static io.kubeha.plan.daytwo.DayTwoPlans.hosts;
import static io.kubeha.plan.daytwo.DayTwoPlans.phases;
import static io.kubeha.plan.daytwo.DayTwoPlans.runs;
import static io.kubeha.plan.daytwo.DayTwoPlans.step;
import static io.kubeha.plan.daytwo.DayTwoPlans.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Teardown;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetPlanRendererTest {
  private final Inventory lab = DayTwoPlans.lab();
  private final OperationPlan plan = ResetPlanRenderer.render(lab);

  @Test
  void workersThenControlPlanesFirstOneLastThenTheLoadBalancers() {
    assertEquals(
        List.of(
            Phase.AWAIT_RESET_APPROVAL,
            Phase.RESET_NODES,
            Phase.RESET_NODES,
            Phase.STOP_LOAD_BALANCERS),
        phases(plan));
    assertEquals(
        List.of(
            List.of(),
            List.of("kube-worker-1", "kube-worker-2", "kube-worker-3"),
            List.of("kube-master-3", "kube-master-2", "kube-master-1"),
            List.of("ha-lb-a", "ha-lb-b")),
        hosts(plan));
    assertEquals(1, plan.waves().get(2).atOnce(), "control planes one at a time");
  }

  @Test
  void everyNodeIsResetThenTornDown() {
    assertEquals(List.of("kubeadm-reset", "kubernetes-teardown"), stepNames(plan, "kube-master-2"));
    assertEquals(
        List.of(Teardown.kubernetes(lab).actions().get(0).run()),
        runs(step(plan, "kube-worker-1", "kubernetes-teardown")));
    assertEquals(
        List.of("systemctl disable --now keepalived nginx"),
        runs(step(plan, "ha-lb-a", "lb-stop")));
  }

  @Test
  void withoutLoadBalancersNothingIsStopped() {
    OperationPlan small = ResetPlanRenderer.render(DayTwoPlans.small());
    assertEquals(
        List.of(Phase.AWAIT_RESET_APPROVAL, Phase.RESET_NODES, Phase.RESET_NODES), phases(small));
  }
}
