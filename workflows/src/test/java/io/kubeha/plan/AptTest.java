package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The package lists are refreshed once per host per run, not in every apt step. */
class AptTest {
  @Test
  void everyUpdateInThePlanIsTheOncePerRunOne() {
    Plan plan =
        PlanRenderer.render(TestInventories.withOptions(TestInventories.lab(), true, false));
    for (HostPlan host : plan.hosts()) {
      List<String> updating =
          host.steps().stream()
              .flatMap(s -> s.actions().stream())
              .map(Action::run)
              .filter(run -> run.contains("apt-get") && run.contains(" update"))
              .toList();
      assertTrue(updating.size() >= 2, host.host() + ": " + updating.size());
      for (String run : updating) {
        assertTrue(run.startsWith(Apt.UPDATE + " && "), host.host() + ": " + run);
        assertEquals(1, run.split(" update", -1).length - 1, host.host() + ": " + run);
      }
    }
  }
}
