package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kinds a plan draws depend on the server: PostgreSQL is killed only on a stack that has it.
 */
class FaultPlanTest {
  @Test
  void aStackPlanDrawsEveryKindOnceAPostgresKillIncluded() {
    FaultPlan plan =
        FaultPlan.draw(5, 7, 7, false, Campaign.LAB_HOSTS, Moments.BRING_UP, FaultKind.ON_STACK);
    assertEquals(
        EnumSet.allOf(FaultKind.class),
        plan.faults().stream()
            .map(Fault::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
  }

  @Test
  void aDevServerPlanNeverKillsADatabaseItDoesNotHave() {
    for (long seed = 0; seed < 50; seed++) {
      FaultPlan plan = FaultPlan.draw(seed, 12, 6, false, Campaign.LAB_HOSTS);
      assertFalse(
          plan.faults().stream().anyMatch(f -> f.kind() == FaultKind.POSTGRES_KILL),
          "seed " + seed);
      assertEquals(FaultKind.ON_DEV_SERVER, plan.kinds());
    }
  }

  @Test
  void kindsNamedAreTheOnlyOnesDrawn() {
    List<FaultKind> kills = FaultKind.named("worker, starter,temporal", FaultKind.ON_DEV_SERVER);
    assertEquals(
        List.of(FaultKind.WORKER_KILL, FaultKind.STARTER_KILL, FaultKind.SERVER_KILL), kills);
    FaultPlan plan =
        FaultPlan.draw(9, 9, 3, false, DayTwo.CERTS.hosts(), DayTwo.CERTS.moments, kills);
    assertEquals(
        EnumSet.copyOf(kills),
        plan.faults().stream()
            .map(Fault::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))));
    assertEquals(FaultKind.ON_DEV_SERVER, FaultKind.named(" ", FaultKind.ON_DEV_SERVER));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> FaultKind.named("worker,crash", FaultKind.ON_DEV_SERVER))
            .getMessage()
            .contains("no fault kind 'crash'"));
    assertThrows(
        IllegalArgumentException.class, () -> FaultKind.named("postgres", FaultKind.ON_DEV_SERVER));
  }
}
