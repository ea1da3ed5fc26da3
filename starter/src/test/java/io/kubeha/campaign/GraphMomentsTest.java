package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import io.kubeha.worker.LabCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A bring-up's fault moments drawn from its graph: real hosts' steps, from a seed. */
class GraphMomentsTest {
  private static Plan labPlan() throws Exception {
    Path file = Path.of(GraphMoments.class.getResource(GraphMoments.LAB_INVENTORY).toURI());
    return PlanRenderer.render(LabCluster.loadInventory(file));
  }

  @Test
  void aSeedDrawsTheSamePlanEveryTime() {
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(
          FaultPlan.draw(seed, 12, 6, false, Campaign.LAB_HOSTS),
          FaultPlan.draw(seed, 12, 6, false, Campaign.LAB_HOSTS),
          "seed " + seed);
    }
  }

  @Test
  void everyMomentIsAStepALabHostStartsInItsChain() throws Exception {
    Plan plan = labPlan();
    List<Fault> faults = new ArrayList<>();
    for (long seed = 0; seed < 50; seed++) {
      faults.addAll(FaultPlan.draw(seed, 6, 6, true, Campaign.LAB_HOSTS).faults());
    }
    for (Fault f : faults) {
      assertTrue(f.jobStarted() || f.step() != null, "a step or the job's start: " + f);
      if (f.step() != null) {
        Step step = plan.host(f.step().host()).orElseThrow().steps().get(f.step().index());
        assertEquals(f.step().step(), step.id(), f.describe());
        assertEquals(f.phase(), step.phase(), f.describe());
        assertTrue(
            step.phase() != Phase.PREPARE_NODES || f.step().index() == 0,
            "prep shows only its first step: " + f.describe());
      }
    }
    assertTrue(faults.stream().anyMatch(Fault::jobStarted), "the join job's start is drawn too");
  }

  @Test
  void everyLabHostHasMomentsOfEachOfItsPhases() throws Exception {
    Plan plan = labPlan();
    for (String host : Campaign.LAB_HOSTS) {
      EnumSet<Phase> phases = EnumSet.noneOf(Phase.class);
      plan.host(host).orElseThrow().steps().forEach(s -> phases.add(s.phase()));
      assertEquals(
          phases,
          Moments.BRING_UP.steps().stream()
              .filter(s -> s.host().equals(host))
              .map(Moments.Step::phase)
              .collect(Collectors.toCollection(() -> EnumSet.noneOf(Phase.class))),
          host);
    }
  }

  @Test
  void theCiSeedDrawsEveryKindOnceEachOnAStepOrAJobStart() {
    FaultPlan plan = FaultPlan.draw(ReliabilityCampaignTest.SEED, 6, 6, true, Campaign.LAB_HOSTS);
    assertEquals(
        EnumSet.copyOf(FaultKind.ON_DEV_SERVER),
        plan.faults().stream()
            .map(Fault::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
    assertTrue(
        plan.faults().stream().noneMatch(f -> f.phase().compareTo(Phase.JOIN_WORKERS) > 0),
        "no moment after the joins: " + plan);
  }

  @Test
  void aStepIsNumberedAsTheRealPlanNumbersIt() {
    Step mirror = step("registry-mirror", Phase.PREPARE_NODES);
    Step init = step("kubeadm-init", Phase.INIT_FIRST_CONTROL_PLANE);
    Plan real =
        new Plan(
            "lab",
            "vip:16443",
            "",
            List.of(
                new HostPlan(
                    "kube-master-1",
                    "198.18.0.11",
                    List.of("control-plane"),
                    List.of(step("hostname", Phase.PREPARE_NODES), mirror, init))));
    Moments.Step drawn =
        new Moments.Step(Phase.INIT_FIRST_CONTROL_PLANE, "kube-master-1", "kubeadm-init", 1);
    assertEquals(2, GraphMoments.inRealPlan(drawn, real).index());
    Moments.Step unknown = new Moments.Step(Phase.INSTALL_CNI, "kube-master-1", "cni", 2);
    assertEquals(unknown, GraphMoments.inRealPlan(unknown, real));
    Moments.Step elsewhere = new Moments.Step(Phase.PREPARE_NODES, "ha-lb-a", "hostname", 0);
    assertEquals(elsewhere, GraphMoments.inRealPlan(elsewhere, real));
  }

  private static Step step(String id, Phase phase) {
    return new Step(id, phase, id, List.of(), List.of(), List.of());
  }
}
