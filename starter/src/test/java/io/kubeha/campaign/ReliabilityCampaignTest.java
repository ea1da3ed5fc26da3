package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign's CI subset: one bring-up with six faults, one of each kind, drawn from a fixed seed
 * (link cuts of 5 s), judged like every campaign bring-up. The bring-up runs its default shape, the
 * graph, and each moment is a lab host starting a step of its chain (GraphMoments) or a join job
 * started.
 *
 * <p>Seed 13, drawn on the plan with the control-plane join split (2026-12-07), strikes during prep
 * and the time phases: it kills the worker as kube-worker-3 starts its first step, the starter as
 * kube-worker-1 starts its, ha-lb-b's sshd as it starts its chrony client, reboots kube-master-1
 * (its prep under way: in the lab this caught kubeadm-packages' dpkg, interrupted, before Apt
 * recovered from that), kills the Temporal server as ha-lb-a starts keepalived, and cuts
 * kube-worker-3's link as ha-lb-b starts nginx. All six struck while the run went on, and it was
 * clean (lab run of 2026-12-07, 202.6 s). Seed 49, drawn for phases, let the recoveries push its
 * late faults past the run's end on the graph (2026-12-05); the injector no longer waits for them.
 * Seeds that also strike the joins (107: an sshd kill in a control plane's join prepare, a server
 * kill in its serial join, the worker killed once a join job started) have not run in the lab yet.
 */
class ReliabilityCampaignTest {
  static final long SEED = 13L;

  // Kept when the run fails: the worker's and starters' logs, the Temporal server's.
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path state;

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
