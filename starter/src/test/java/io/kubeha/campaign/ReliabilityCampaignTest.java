package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's CI subset: one bring-up with six faults, one of each kind, drawn from a fixed seed
 * (link cuts of 5 s), judged like every campaign bring-up. The bring-up runs its default shape, the
 * graph, and each moment is a lab host starting a step of its chain (GraphMoments) or a join job
 * started.
 *
 * <p>Seed 13 strikes throughout the graph, in the run's order, and ends while a control-plane join
 * is still ahead: it reboots kube-master-1 as kube-worker-3 starts its prep (the first master's own
 * prep is under way), kills the Temporal server as ha-lb-a starts serving time (prep and the load
 * balancers overlap there), kills kube-master-2's sshd as kube-worker-2 starts its time sync, kills
 * the starter during kubeadm init, cuts kube-worker-3's link as kube-master-2 starts its join, and
 * kills the worker once a join job has started (effect under way, result not recorded). Every one
 * of these steps runs in every bring-up, before kube-master-3's serial join and verify, so every
 * moment comes while the run goes on. Seed 49, drawn for phases, let the recoveries push its late
 * faults past the run's end on the graph (2026-12-05); the injector no longer waits for them.
 */
class ReliabilityCampaignTest {
  static final long SEED = 13L;

  @TempDir Path state;

  @Test
  void oneBringUpSurvivesOneFaultOfEachKindWithNothingDoneTwiceAndNothingLeaked() throws Exception {
    FaultPlan plan = FaultPlan.draw(SEED, 6, 6, true, Campaign.LAB_HOSTS);
    assertEquals(
        EnumSet.copyOf(FaultKind.ON_DEV_SERVER),
        plan.faults().stream()
            .map(Fault::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))),
        "every kind once: " + plan);
    CampaignTable table = Campaign.run(plan, false, state, CampaignTemporal.Kind.DEV);
    RunOutcome b = table.bringUps().get(0);
    assertTrue(
        b.faults().stream().allMatch(FaultOutcome::injected),
        "every fault hit the run while it went on: " + b.faults());
    assertEquals(java.util.List.of(), b.everyProblem(), table.markdown());
    assertTrue(b.finished(), table.markdown());
  }
}
