package io.kubeha.plan.daytwo;

import static io.kubeha.plan.daytwo.DayTwoPlans.BASE;
import static io.kubeha.plan.daytwo.DayTwoPlans.hosts;
import static io.kubeha.plan.daytwo.DayTwoPlans.phases;
import static io.kubeha.plan.daytwo.DayTwoPlans.runs;
import static io.kubeha.plan.daytwo.DayTwoPlans.step;
import static io.kubeha.plan.daytwo.DayTwoPlans.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.KubeadmPackages;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradePlanRendererTest {
  private final Inventory lab = DayTwoPlans.lab();
  private final String version = lab.spec().kubernetes().version();
  private final OperationPlan plan = UpgradePlanRenderer.render(lab, 2, 300, BASE);

  /** One control plane's upgrade: no other control planes, no load-balancer waves around it. */
  private static final List<Phase> ONE_CONTROL_PLANE =
      List.of(
          Phase.CHECK_UPGRADE,
          Phase.CHECK_UPGRADE,
          Phase.AWAIT_UPGRADE_APPROVAL,
          Phase.UPGRADE_FIRST_CONTROL_PLANE,
          Phase.UPGRADE_WORKERS);

  @Test
  void theFirstControlPlaneThenTheOthersOneByOneThenTheWorkersWithinTheBound() {
    List<String> lbs = List.of("ha-lb-a", "ha-lb-b");
    assertEquals(
        List.of(
            Phase.CHECK_UPGRADE,
            Phase.CHECK_UPGRADE,
            Phase.AWAIT_UPGRADE_APPROVAL,
            Phase.UPGRADE_FIRST_CONTROL_PLANE,
            Phase.UPGRADE_FIRST_CONTROL_PLANE,
            Phase.UPGRADE_FIRST_CONTROL_PLANE,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_CONTROL_PLANES,
            Phase.UPGRADE_WORKERS),
        phases(plan));
    assertEquals(
        List.of(
            List.of("kube-master-1"),
            List.of(
                "kube-master-1",
                "kube-master-2",
                "kube-master-3",
                "kube-worker-1",
                "kube-worker-2",
                "kube-worker-3"),
            List.of(),
            lbs,
            List.of("kube-master-1"),
            lbs,
            lbs,
            List.of("kube-master-2"),
            lbs,
            lbs,
            List.of("kube-master-3"),
            lbs,
            List.of("kube-worker-1", "kube-worker-2", "kube-worker-3")),
        hosts(plan));
    // The pulls before the gate, on every node at once; the LBs within the concurrency (10).
    assertEquals(
        List.of(1, 6, 0, 10, 1, 10, 10, 1, 10, 10, 1, 10, 2),
        plan.waves().stream().map(Wave::atOnce).toList());
  }

  @Test
  void eachControlPlaneIsOutOfTheUpstreamsDuringItsUpgrade() {
    // While kube-master-2 upgrades (kubeadm restarts its etcd and API server), nginx proxies to
    // the other two only; then to all three again.
    assertEquals(
        LoadBalancer.nginx(lab.without(List.of("kube-master-2"))).files(),
        plan.waves().get(6).hosts().get(0).steps().get(0).files());
    assertEquals(
        LoadBalancer.nginx(lab).files(), plan.waves().get(8).hosts().get(1).steps().get(0).files());
  }

  @Test
  void aSingleControlPlaneStaysInTheUpstreams() {
    Inventory one = DayTwoPlans.lab().without(List.of("kube-master-2", "kube-master-3"));
    assertEquals(ONE_CONTROL_PLANE, phases(UpgradePlanRenderer.render(one, 1, 300, BASE)));
  }

  @Test
  void eachNodeIsDrainedUpgradedRestartedAndUncordonedInKubeadmsOrder() {
    List<String> chain =
        List.of(
            "drain",
            "kubernetes-apt-repo",
            "kubeadm-packages",
            "kubeadm-upgrade",
            "kubelet-restart",
            "uncordon");
    assertEquals("node-images", stepNames(plan, "kube-worker-3").get(0));
    assertEquals(chain, stepNames(plan, "kube-worker-3").subList(1, 7));
    // The check's repository and plan come first on the first control plane, then its pull.
    assertEquals(
        List.of("kubernetes-apt-repo", "kubeadm-upgrade-plan", "control-plane-images"),
        stepNames(plan, "kube-master-1").subList(0, 3));
    assertEquals(chain, stepNames(plan, "kube-master-1").subList(3, 9));
  }

  @Test
  void applyOnTheFirstControlPlaneNodeElsewhereEachGuardedByItsMarker() {
    PlannedCommand apply = step(plan, "kube-master-1", "kubeadm-upgrade").commands().get(0);
    assertEquals("kubeadm upgrade apply 'v" + version + "' --yes", apply.run());
    assertTrue(apply.detached());
    assertEquals("test -f '" + BASE + "/upgraded/v" + version + "'", apply.unless());
    assertEquals(
        List.of(
            "kubeadm upgrade node",
            "mkdir -p '/var/lib/kubeha/upgraded' && : > '/var/lib/kubeha/upgraded/v"
                + version
                + "' && rm -rf '/var/lib/kubeha/jobs/kubeadm-upgrade-"
                + version
                + "'"),
        runs(step(plan, "kube-worker-2", "kubeadm-upgrade")));
  }

  @Test
  void kubectlRunsOnTheFirstControlPlaneForEveryNode() {
    PlannedStep drain = step(plan, "kube-worker-1", "drain");
    assertEquals("kube-master-1", drain.on());
    assertEquals(
        java.util.Arrays.asList(
            null,
            NodeRemovalCommands.cordon("kube-worker-1"),
            "kubectl --kubeconfig /etc/kubernetes/admin.conf drain 'kube-worker-1'"
                + " --ignore-daemonsets --delete-emptydir-data --timeout=300s"),
        runs(drain));
    PlannedStep uncordon = step(plan, "kube-worker-1", "uncordon");
    assertEquals("kube-master-1", uncordon.on());
    assertEquals(List.of(UpgradeCommands.uncordon("kube-worker-1")), runs(uncordon));
    assertEquals("kube-worker-1", step(plan, "kube-worker-1", "kubelet-restart").on());
  }

  @Test
  void theKubeletRestartWaitsForTheNodeAndOnAControlPlaneForItsApiServerAndControllers() {
    List<PlannedCommand> worker = step(plan, "kube-worker-1", "kubelet-restart").commands();
    assertEquals(1, worker.size());
    assertEquals(UpgradeCommands.RESTART_KUBELET, worker.get(0).run());
    assertEquals(
        "kube-worker-1 Ready at v" + version + " (kubectl get nodes on kube-master-1)",
        worker.get(0).waitsFor());
    List<PlannedCommand> master = step(plan, "kube-master-2", "kubelet-restart").commands();
    assertEquals(3, master.size());
    // Its own API server serving before it goes back into the LBs' upstreams.
    assertEquals(
        "kube-apiserver healthy: https://127.0.0.1:6443/readyz answers 2xx for 5 s, on kube-master-2",
        master.get(1).waitsFor());
    assertTrue(master.get(2).waitsFor().startsWith("kube-controller-manager and kube-scheduler"));
  }

  @Test
  void thePackagesAreThePlansOwnStepsAtTheTargetVersion() {
    PlannedStep packages = step(plan, "kube-worker-1", "kubeadm-packages");
    assertEquals(KubeadmPackages.packages(lab).actions().get(0).run(), runs(packages).get(0));
    assertTrue(packages.commands().get(0).detached());
    PlannedStep repo = step(plan, "kube-worker-1", "kubernetes-apt-repo");
    assertEquals(KubeadmPackages.repository(lab).files(), repo.files());
  }

  @Test
  void theCheckInstallsKubeadmThenAsksForItsPlan() {
    assertEquals(
        List.of(UpgradeCommands.installKubeadm(version), "kubeadm upgrade plan 'v" + version + "'"),
        runs(step(plan, "kube-master-1", "kubeadm-upgrade-plan")));
  }

  @Test
  void aClusterOfOneControlPlaneAndOneWorkerHasNoOtherControlPlanesWave() {
    OperationPlan small = UpgradePlanRenderer.render(DayTwoPlans.small(), 0, 60, BASE);
    assertEquals(ONE_CONTROL_PLANE, phases(small));
    assertEquals(1, small.waves().get(4).atOnce(), "at least one worker at a time");
  }
}
