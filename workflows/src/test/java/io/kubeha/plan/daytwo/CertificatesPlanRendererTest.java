package io.kubeha.plan.daytwo;

import static io.kubeha.plan.daytwo.DayTwoPlans.BASE;
import static io.kubeha.plan.daytwo.DayTwoPlans.hosts;
import static io.kubeha.plan.daytwo.DayTwoPlans.runs;
import static io.kubeha.plan.daytwo.DayTwoPlans.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesPlanRendererTest {
  private final Inventory lab = DayTwoPlans.lab();
  private final OperationPlan plan = CertificatesPlanRenderer.render(lab, BASE);
  private final CertificateCommands commands = new CertificateCommands(BASE);

  @Test
  void eachControlPlaneLeavesTheUpstreamsIsRenewedAndComesBackBeforeTheNext() {
    List<String> lbs = List.of("ha-lb-a", "ha-lb-b");
    List<String> masters = List.of("kube-master-1", "kube-master-2", "kube-master-3");
    assertEquals(
        List.of(
            masters,
            lbs,
            List.of("kube-master-1"),
            lbs,
            lbs,
            List.of("kube-master-2"),
            lbs,
            lbs,
            List.of("kube-master-3"),
            lbs,
            List.of(),
            masters),
        hosts(plan));
    assertEquals(Phase.CHECK_CERTIFICATES, plan.waves().get(0).phase());
    // While kube-master-2 renews, nginx proxies to the other two only.
    assertEquals(
        LoadBalancer.nginx(lab.without(List.of("kube-master-2"))).files(),
        plan.waves().get(4).hosts().get(0).steps().get(0).files());
    assertEquals(
        LoadBalancer.nginx(lab).files(), plan.waves().get(6).hosts().get(1).steps().get(0).files());
  }

  @Test
  void theRenewalMarksItsRunFirstThenRenewsAll() {
    assertEquals(
        List.of(
            "mkdir -p '/var/lib/kubeha' && echo 'run @RUN_ID@' > '/var/lib/kubeha/certs-renewal'",
            "kubeadm certs renew all",
            "echo 'renewed' >> '/var/lib/kubeha/certs-renewal'"),
        runs(step(plan, "kube-master-1", "certs-renew")));
  }

  @Test
  void theApiServerStaysDownWhileEtcdRestartsThenEachComponentInTurn() {
    List<String> runs = runs(step(plan, "kube-master-1", "restart-control-plane"));
    assertEquals(
        List.of(
            StaticPod.API_SERVER.park(),
            StaticPod.ETCD.park(),
            StaticPod.ETCD.unpark(),
            commands.record("restarted etcd"),
            StaticPod.API_SERVER.unpark(),
            commands.record("restarted kube-apiserver"),
            StaticPod.CONTROLLER_MANAGER.park(),
            StaticPod.CONTROLLER_MANAGER.unpark(),
            commands.record("restarted kube-controller-manager"),
            StaticPod.SCHEDULER.park(),
            StaticPod.SCHEDULER.unpark(),
            commands.record("restarted kube-scheduler"),
            commands.clear()),
        runs);
  }

  @Test
  void oneControlPlaneNeverLeavesTheUpstreams() {
    OperationPlan small = CertificatesPlanRenderer.render(DayTwoPlans.small(), BASE);
    assertEquals(
        List.of(
            List.of("kube-master-1"),
            List.of("kube-master-1"),
            List.of(),
            List.of("kube-master-1")),
        hosts(small));
    assertTrue(small.placeholders().get(0).startsWith("@RUN_ID@: "));
  }
}
