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
 * (link cuts of 5 s), judged like every campaign bring-up. It replaces CrashResumeTest: its seed
 * kills the Temporal server during the LB phase and the worker once a control-plane join job has
 * started (effect under way, result not recorded), and reboots the first master during node prep.
 *
 * <p>Its bring-up runs phase by phase (runs of that shape still resume after an upgrade): the
 * seed's moments were drawn for it. With the graph, prep overlaps the load balancers and the time
 * phases, and each fault's recovery pushed the next past its moment: the worker kill meant for a
 * control-plane join struck during verify, and the sixth fault found the run closed (2026-12-05,
 * twice). DayTwoCampaignTest's addition runs as a graph.
 */
class ReliabilityCampaignTest {
  static final long SEED = 49L;

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
    CampaignTable table = Campaign.phaseByPhase(plan, state);
    RunOutcome b = table.bringUps().get(0);
    assertTrue(
        b.faults().stream().allMatch(FaultOutcome::injected),
        "every fault hit the run while it went on: " + b.faults());
    assertEquals(java.util.List.of(), b.everyProblem(), table.markdown());
    assertTrue(b.finished(), table.markdown());
  }
}
