package io.kubeha.plan.daytwo;

import static io.kubeha.plan.daytwo.DayTwoPlans.hosts;
import static io.kubeha.plan.daytwo.DayTwoPlans.phases;
import static io.kubeha.plan.daytwo.DayTwoPlans.runs;
import static io.kubeha.plan.daytwo.DayTwoPlans.step;
import static io.kubeha.plan.daytwo.DayTwoPlans.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemovalPlanRendererTest {
  private final Inventory lab = DayTwoPlans.withConcurrency(DayTwoPlans.lab(), 4);

  @Test
  void workersWithinTheBoundThenControlPlanesOneByOneThenTheLoadBalancers() {
    OperationPlan plan =
        RemovalPlanRenderer.render(
            lab, List.of("kube-worker-2", "kube-master-1", "kube-worker-1"), 120);
    assertEquals(
        List.of(
            Phase.AWAIT_REMOVAL_APPROVAL,
            Phase.CHECK_REMOVAL,
            Phase.REMOVE_WORKERS,
            Phase.REMOVE_CONTROL_PLANES,
            Phase.UPDATE_LOAD_BALANCERS),
        phases(plan));
    // Inventory order, whatever order the request named them in.
    assertEquals(
        List.of(
            List.of(),
            List.of(),
            List.of("kube-worker-1", "kube-worker-2"),
            List.of("kube-master-1"),
            List.of("ha-lb-a", "ha-lb-b")),
        hosts(plan));
    assertEquals(List.of(0, 0, 4, 1, 4), plan.waves().stream().map(Wave::atOnce).toList());
  }

  @Test
  void aControlPlaneAlsoLeavesEtcdAndKubectlRunsOnOneThatStays() {
    OperationPlan plan = RemovalPlanRenderer.render(lab, List.of("kube-master-1"), 120);
    assertEquals(
        List.of("drain", "kubeadm-reset", "etcd-member", "delete-node"),
        stepNames(plan, "kube-master-1"));
    assertEquals("kube-master-2", step(plan, "kube-master-1", "drain").on());
    assertEquals("kube-master-1", step(plan, "kube-master-1", "kubeadm-reset").on());
    assertEquals(
        List.of(
            "curl -sS --fail --max-time 10 "
                + ControlPlaneAccess.ETCD_CLIENT
                + " -X POST -d '{\"ID\":\"@MEMBER_ID@\"}'"
                + " https://127.0.0.1:2379/v3/cluster/member/remove"),
        runs(step(plan, "kube-master-1", "etcd-member")));
    assertEquals(
        List.of(
            "kubectl --kubeconfig /etc/kubernetes/admin.conf delete node --ignore-not-found"
                + " 'kube-master-1'"),
        runs(step(plan, "kube-master-1", "delete-node")));
    assertTrue(
        plan.placeholders().get(0).startsWith("@MEMBER_ID@: "), plan.placeholders().toString());
  }

  @Test
  void theLoadBalancersProxyToTheControlPlanesThatStay() {
    OperationPlan plan = RemovalPlanRenderer.render(lab, List.of("kube-master-3"), 120);
    PlannedStep nginx = step(plan, "ha-lb-b", "nginx");
    assertEquals(LoadBalancer.nginx(lab.without(List.of("kube-master-3"))).files(), nginx.files());
    assertTrue(nginx.files().get(0).content().contains("198.18.0.12"), "kube-master-2 stays");
    assertTrue(!nginx.files().get(0).content().contains("198.18.0.13"), "kube-master-3 goes");
  }

  @Test
  void aWorkerOnlyRemovalDrainsResetsAndDeletesAndLeavesTheLoadBalancers() {
    OperationPlan plan = RemovalPlanRenderer.render(lab, List.of("kube-worker-3"), 300);
    assertEquals(
        List.of("drain", "kubeadm-reset", "delete-node"), stepNames(plan, "kube-worker-3"));
    assertEquals(
        List.of(Phase.AWAIT_REMOVAL_APPROVAL, Phase.CHECK_REMOVAL, Phase.REMOVE_WORKERS),
        phases(plan));
    PlannedCommand reset = step(plan, "kube-worker-3", "kubeadm-reset").commands().get(0);
    assertEquals(NodeRemovalCommands.RESET, reset.run());
    assertEquals(NodeRemovalCommands.RESET_DONE, reset.unless());
    assertTrue(reset.detached());
    assertEquals(List.of(), plan.placeholders());
  }
}
