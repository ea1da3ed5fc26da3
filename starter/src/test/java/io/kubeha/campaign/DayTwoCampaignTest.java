package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day-2 campaign's CI subset: on one lab, a removal of a worker and a control plane struck by
 * three faults, then their addition back by `up` struck by three more, the six of six kinds (link
 * cuts of 5 s), each run judged like every campaign run through the real cluster and the call logs.
 */
class DayTwoCampaignTest {
  static final long REMOVAL_SEED = 1L;
  static final long ADDITION_SEED = 3L;

  @TempDir Path state;

  @Test
  void aRemovalAndAnAdditionEachSurviveThreeFaultsWithNothingDoneTwice() throws Exception {
    FaultPlan removals =
        FaultPlan.draw(REMOVAL_SEED, 3, 3, true, DayTwo.REMOVE.hosts(), DayTwo.REMOVE.moments);
    FaultPlan additions =
        FaultPlan.draw(ADDITION_SEED, 3, 3, true, DayTwo.ADD.hosts(), DayTwo.ADD.moments);
    assertEquals(
        EnumSet.copyOf(FaultKind.ON_DEV_SERVER),
        Stream.concat(removals.faults().stream(), additions.faults().stream())
            .map(Fault::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))),
        "every kind once: " + removals + " " + additions);
    List<CampaignTable> tables = DayTwoCampaign.cycles(removals, additions, state);
    for (CampaignTable table : tables) {
      assertEquals(1, table.bringUps().size(), table.markdown());
      RunOutcome run = table.bringUps().get(0);
      assertEquals(List.of(), run.everyProblem(), table.markdown());
      assertTrue(run.finished(), table.markdown());
      assertTrue(
          run.faults().stream().filter(FaultOutcome::injected).count() >= 2,
          "most faults struck the run while it went on: " + run.faults());
    }
  }
}
