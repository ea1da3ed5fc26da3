package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanRendererTest {
  private static final List<String> HOST_PREP =
      List.of("hostname", "hosts-block", "kernel-modules", "sysctl", "swap-off");
  private static final List<String> NODE_PREP =
      List.of(
          "containerd",
          "runc",
          "cni-plugins",
          "containerd-config",
          "kubernetes-apt-repo",
          "kubeadm-packages",
          "kubelet-enabled");

  private final Inventory runbook = TestInventories.runbook();
  private final Plan plan = PlanRenderer.render(runbook);

  @Test
  void rendersTheSamePlanTwiceAsEqualJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Inventory inv :
        List.of(runbook, TestInventories.lab(), TestInventories.withOptions(runbook, true, true))) {
      assertEquals(
          json.writeValueAsString(PlanRenderer.render(inv)),
          json.writeValueAsString(PlanRenderer.render(inv)));
    }
  }

  @Test
  void everyHostPreparesItsBasicsAndOnlyNodesGetTheRuntime() {
    for (HostSpec h : runbook.hosts()) {
      List<String> ids = ids(plan.steps(h.name(), Phase.PREPARE_NODES));
      assertTrue(ids.containsAll(HOST_PREP), h.name() + ": " + ids);
      assertEquals(h.isNode(), ids.containsAll(NODE_PREP), h.name() + ": " + ids);
      assertFalse(
          ids.contains("netplan") || ids.contains("apt-upgrade"),
          "optional steps are off by default");
    }
  }

  @Test
  void optionalStepsAppearWhenAskedFor() {
    Plan withOptions = PlanRenderer.render(TestInventories.withOptions(runbook, true, true));
    for (HostSpec h : runbook.hosts()) {
      List<String> ids = ids(withOptions.steps(h.name(), Phase.PREPARE_NODES));
      assertEquals(List.of("apt-upgrade", "hostname", "netplan", "hosts-block"), ids.subList(0, 4));
    }
  }

  @Test
  void workersInstallKubeadmAndJoinAsWorkers() {
    for (HostSpec w : runbook.workers()) {
      assertTrue(ids(plan.steps(w.name(), Phase.PREPARE_NODES)).contains("kubeadm-packages"));
      assertEquals(List.of("kubeadm-join"), ids(plan.steps(w.name(), Phase.JOIN_WORKERS)));
      String install =
          plan.steps(w.name(), Phase.PREPARE_NODES).stream()
              .filter(s -> s.id().equals("kubeadm-packages"))
              .findFirst()
              .orElseThrow()
              .actions()
              .get(0)
              .run();
      assertTrue(install.contains("'kubeadm=1.37.2-*'"), install);
      assertTrue(install.contains("apt-mark hold kubelet kubeadm kubectl"), install);
    }
  }

  @Test
  void runsStartedBeforeKeepChronysPackageInTheTimePhases() {
    Plan old =
        PlanRenderer.render(
            runbook,
            PlanRenderer.TimePackage.WITH_TIME_PHASES,
            PlanRenderer.ControlPlaneJoin.PREPARE_THEN_JOIN);
    assertEquals(
        List.of("chrony-package", "chrony-server"),
        ids(old.steps("HA-LB-A", Phase.START_TIME_SERVER)));
    assertEquals(
        List.of("chrony-package", "chrony-client"),
        ids(old.steps("HA-LB-B", Phase.SYNC_TIME_CLIENTS)));
    assertFalse(ids(old.steps("HA-LB-B", Phase.PREPARE_NODES)).contains("chrony-package"));
    for (HostPlan h : old.hosts()) {
      assertEquals(
          plan.host(h.host()).orElseThrow().steps().size(), h.steps().size(), "same steps");
    }
  }

  @Test
  void controlPlanesPrepareTheirJoinThenRunOnlyThePhasesLeft() {
    Step prepare = plan.steps("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS).get(0);
    Step join = plan.steps("kube-master-2", Phase.JOIN_CONTROL_PLANES).get(0);
    FileSpec template = prepare.files().get(0);
    assertEquals(JoinConfigTemplate.TEMPLATE_PATH, template.path());
    assertEquals(
        JoinConfigTemplate.content(runbook, runbook.host("kube-master-2").orElseThrow()),
        template.content());
    assertTrue(template.content().contains(JoinConfigTemplate.CERTIFICATE_KEY));
    String config = "'" + JoinConfigTemplate.CONFIG_PATH + "'";
    assertEquals(
        "kubeadm join phase preflight --config "
            + config
            + " && kubeadm join phase control-plane-prepare all --config "
            + config
            + "; rc=$?; test $rc -eq 0 || rm -f "
            + config
            + "; test $rc -eq 0",
        prepare.actions().get(0).run());
    assertEquals(List.of(), join.files(), "the join uses the config its prepare filled in");
    assertEquals(
        "kubeadm join --config "
            + config
            + " --skip-phases preflight,control-plane-prepare; rc=$?; rm -f "
            + config
            + "; test $rc -eq 0",
        join.actions().get(0).run());
    assertEquals("test -f /etc/kubernetes/kubelet.conf", join.actions().get(0).check());
  }

  @Test
  void runsStartedBeforeJoinControlPlanesInOneStep() {
    Plan old =
        PlanRenderer.render(
            runbook, PlanRenderer.TimePackage.IN_PREP, PlanRenderer.ControlPlaneJoin.WHOLE);
    assertEquals(List.of(), ids(old.steps("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS)));
    Step join = old.steps("kube-master-2", Phase.JOIN_CONTROL_PLANES).get(0);
    assertEquals(
        JoinConfigTemplate.step(runbook, runbook.host("kube-master-2").orElseThrow()), join);
    for (HostPlan h : old.hosts()) {
      assertEquals(
          beforeJoins(plan.host(h.host()).orElseThrow()),
          beforeJoins(h),
          h.host() + ": only the join differs");
    }
  }

  private static List<Step> beforeJoins(HostPlan h) {
    return h.steps().stream()
        .filter(
            s ->
                s.phase() != Phase.PREPARE_CONTROL_PLANE_JOINS
                    && s.phase() != Phase.JOIN_CONTROL_PLANES)
        .toList();
  }

  private static String last(List<String> list) {
    return list.get(list.size() - 1);
  }

  @Test
  void phasesFallOnTheRightHosts() {
    assertEquals(List.of("chrony-server"), ids(plan.steps("HA-LB-A", Phase.START_TIME_SERVER)));
    assertEquals(List.of("chrony-client"), ids(plan.steps("HA-LB-B", Phase.SYNC_TIME_CLIENTS)));
    assertEquals(
        "chrony-package",
        last(ids(plan.steps("kube-worker-1", Phase.PREPARE_NODES))),
        "chrony's package needs no time server: prep installs it");
    assertEquals(
        List.of("kubeadm-init"), ids(plan.steps("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE)));
    assertEquals(List.of("cni"), ids(plan.steps("kube-master-1", Phase.INSTALL_CNI)));
    assertEquals(
        List.of("kubeadm-join-prepare"),
        ids(plan.steps("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS)));
    assertEquals(
        List.of("kubeadm-join"), ids(plan.steps("kube-master-2", Phase.JOIN_CONTROL_PLANES)));
    assertEquals(List.of(), ids(plan.steps("kube-master-1", Phase.PREPARE_CONTROL_PLANE_JOINS)));
    assertEquals(List.of(), ids(plan.steps("kube-master-1", Phase.JOIN_CONTROL_PLANES)));
    assertEquals(List.of(), ids(plan.steps("kube-worker-1", Phase.PREPARE_CONTROL_PLANE_JOINS)));
    assertEquals(List.of("kubeadm-join"), ids(plan.steps("kube-worker-1", Phase.JOIN_WORKERS)));
    for (String lb : List.of("HA-LB-A", "HA-LB-B")) {
      assertEquals(
          List.of("lb-packages", "keepalived", "nginx"),
          ids(plan.steps(lb, Phase.CONFIGURE_LOAD_BALANCERS)));
    }
    assertEquals(List.of(), ids(plan.steps("kube-master-1", Phase.CONFIGURE_LOAD_BALANCERS)));
  }

  @Test
  void stepsFollowThePhaseOrderAndIdsAreUniquePerHost() {
    for (HostPlan h : plan.hosts()) {
      Set<String> seen = new HashSet<>();
      Phase last = Phase.VALIDATE;
      for (Step s : h.steps()) {
        assertTrue(seen.add(s.id()), h.host() + " repeats " + s.id());
        assertTrue(
            s.phase().compareTo(last) >= 0, h.host() + ": " + s.id() + " out of phase order");
        last = s.phase();
      }
    }
  }

  @Test
  void everyFileCarriesTheShaOfItsContent() {
    for (HostPlan h : plan.hosts()) {
      for (Step s : h.steps()) {
        for (FileSpec f : s.files()) {
          assertEquals(Sha256.hex(f.content()), f.sha256(), f.path());
          assertTrue(f.path().startsWith("/"), f.path());
          assertTrue(f.content().endsWith("\n"), f.path() + " ends without a newline");
        }
      }
    }
  }

  @Test
  void theInitPlanIsTheKubeadmConfigTheFirstMasterWrites() {
    Step init = plan.steps("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE).get(0);
    assertEquals(KubeadmConfig.PATH, init.files().get(0).path());
    assertEquals(plan.kubeadmConfig(), init.files().get(0).content());
    assertEquals("192.168.2.100:16443", plan.controlPlaneEndpoint());
  }

  @Test
  void kubeadmAndAptRunDetached() {
    for (HostPlan h : plan.hosts()) {
      for (Step s : h.steps()) {
        for (Action a : s.actions()) {
          boolean heavy = a.run().startsWith("kubeadm ") || a.run().contains("apt-get");
          assertEquals(heavy, a.detached(), h.host() + "/" + s.id() + "/" + a.name());
        }
      }
    }
  }

  @Test
  void noTypoOfTheRunbookSurvives() throws Exception {
    String all = new ObjectMapper().writeValueAsString(plan);
    assertFalse(all.contains("stauts"));
    assertFalse(all.contains("ethernetes"));
    assertFalse(all.contains("tee -a"));
  }

  @Test
  void withoutBalancersTheFirstMasterIsTheEndpointAndTimeServer() throws Exception {
    List<HostSpec> nodesOnly = runbook.hosts().stream().filter(HostSpec::isNode).toList();
    Plan p = PlanRenderer.render(TestInventories.withHosts(runbook, nodesOnly));
    assertEquals("192.168.2.11:6443", p.controlPlaneEndpoint());
    assertTrue(
        p.kubeadmConfig().contains("controlPlaneEndpoint: \"192.168.2.11:6443\""),
        p.kubeadmConfig());
    assertEquals(List.of("chrony-server"), ids(p.steps("kube-master-1", Phase.START_TIME_SERVER)));
    String json = new ObjectMapper().writeValueAsString(p);
    assertFalse(json.contains("keepalived"), "no load-balancer step without load balancers");
  }

  @Test
  void netplanWithoutAPrefixLengthIsAnError() {
    List<HostSpec> hosts =
        runbook.hosts().stream()
            .map(h -> new HostSpec(h.name(), h.address(), h.roles(), null, null))
            .toList();
    Inventory noNetwork =
        TestInventories.withOptions(TestInventories.withHosts(runbook, hosts), false, true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PlanRenderer.render(noNetwork));
    assertTrue(e.getMessage().contains("kube-master-1"), e.getMessage());
  }

  static List<String> ids(List<Step> steps) {
    return steps.stream().map(Step::id).toList();
  }
}
