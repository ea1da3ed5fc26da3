package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The plan is rendered once per run, by an activity, and each HostPrep child reads its steps from
 * the run: no workflow renders, and no child fetches the inventory. Read from the histories.
 */
class PlanAsDataTest {
  private static final List<String> PLAN_ACTIVITIES =
      List.of("RenderPlan", "FetchHostWork", "FetchInventory");

  @Test
  void thePlanIsRenderedOnceAndEachChildReadsItsStepsFromTheRun() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.runToEnd(true);
      String cluster = h.inventory.clusterName();
      assertEquals(
          Map.of("RenderPlan", 1), planActivities(h, WorkflowIds.cluster(cluster)), "the parent");
      List<HostSpec> hosts = h.inventory.hosts();
      for (HostSpec host : hosts) {
        assertEquals(
            Map.of("FetchHostWork", 1),
            planActivities(h, WorkflowIds.host(cluster, host.name())),
            host.name());
      }
      // Every child applied what the parent's plan holds for it, and nothing else.
      for (HostSpec host : hosts) {
        assertEquals(
            h.plan.steps(host.name(), Phase.PREPARE_NODES).stream().map(Step::id).toList(),
            h.fakes.calls().stream()
                .filter(c -> c.host().equals(host.name()) && c.phase() == Phase.PREPARE_NODES)
                .map(FakeActivities.Call::what)
                .toList(),
            host.name() + "'s prep");
      }
    }
  }

  private static Map<String, Integer> planActivities(BringUpHarness h, String workflowId) {
    Map<String, Integer> counts = new TreeMap<>();
    for (HistoryEvent e : h.client().fetchHistory(workflowId).getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
        if (PLAN_ACTIVITIES.contains(type)) {
          counts.merge(type, 1, Integer::sum);
        }
      }
    }
    return counts;
  }
}
