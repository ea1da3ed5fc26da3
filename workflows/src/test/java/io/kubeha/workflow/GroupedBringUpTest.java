package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.FakeActivities.Call;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bring-up above its size threshold runs its workers in groups, a HostGroup child each: it ends
 * where one run would (every host prepared, synced and joined in the graph's order), cancels as one
 * run does, and keeps the cluster's bound. (Its failures: ClusterBringUpTest, in both shapes.)
 */
@Timeout(120)
class GroupedBringUpTest {
  /** Small enough that every test inventory here groups its workers. */
  static final int GROUP_ABOVE = 4;

  @Test
  void aBigRunPreparesSyncsAndJoinsEveryHostThroughItsGroupsInTheGraphsOrder() {
    try (BringUpHarness h = grouped(TestInventories.scaled(60, 10))) {
      BringUpResult result = h.runToEnd(true);

      assertTrue(result.verify().ok());
      List<Call> calls = h.fakes.calls();
      BringUpGraph graph = BringUpGraph.of(h.inventory, h.plan);
      assertInGraphOrder(graph, calls);
      for (HostPlan host : h.plan.hosts()) {
        for (Step step : host.steps()) {
          assertEquals(1, h.fakes.count(host.host(), step.id()), host.host() + " " + step.id());
        }
      }
      for (PhaseOutcome o : result.phases()) {
        long planned = h.plan.hosts().stream().mapToLong(p -> p.steps(o.phase()).size()).sum();
        if (o.phase() != Phase.PREFLIGHT && o.phase() != Phase.VERIFY_CLUSTER) {
          assertEquals(planned, o.stepsTotal(), "steps of " + o.phase());
          assertEquals(planned, o.stepsApplied(), "applied steps of " + o.phase());
        }
      }
      h.running()
          .hosts()
          .forEach(s -> assertEquals(s.stepsTotal(), s.stepsDone(), s.host() + " done"));
      assertEquals(Phase.DONE, h.running().phase().phase());

      List<HistoryEvent> parent = history(h, WorkflowIds.cluster(h.inventory.clusterName()));
      // The parent runs the four hosts others wait for (kube-master-3, the last control plane to
      // join, goes to a group: only verify waits for it); two groups run the other 56.
      assertEquals(Map.of("HostGroup", 2L, "HostPrep", 4L), childrenStarted(parent));
      assertTrue(changeIds(parent).contains("host-groups"), "versions: " + changeIds(parent));
      assertEquals(4, activities(parent, "InspectHost"));
      assertEquals(1, activities(parent, "JoinNode"));
      // A group's reports: its inspection, one per phase it moves on to (a handful) and about
      // ParentLink.REPORTS (20) as its tasks end: not one per host or task.
      long reports =
          parent.stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
              .filter(
                  e ->
                      e.getWorkflowExecutionSignaledEventAttributes()
                          .getSignalName()
                          .equals("groupReport"))
              .count();
      assertTrue(reports <= 2 * 30, reports + " reports from 2 groups of 28 hosts");
      List<HistoryEvent> group = history(h, WorkflowIds.hostGroup(h.inventory.clusterName(), 1));
      assertEquals(Map.of("HostPrep", 28L), childrenStarted(group));
      assertEquals(28, activities(group, "JoinNode"));
    }
  }

  @Test
  void aCancelWhileAGroupPreparesItsHostsStartsNothingNewAndEndsCancelled() {
    try (BringUpHarness h = grouped(TestInventories.ha(10))) {
      String firstStep = h.plan.steps("kube-worker-2", Phase.PREPARE_NODES).get(0).id();
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      h.fakes.onCall =
          call -> {
            if (call.host().equals("kube-worker-2") && call.what().equals(firstStep)) {
              held.countDown();
              waitUntil("the test lets go", Duration.ofSeconds(30), () -> release.getCount() == 0);
            }
          };
      WorkflowStub run = h.start(true);
      waitUntil("kube-worker-2's prep is held", Duration.ofSeconds(20), () -> held.getCount() == 0);
      // Cancelled once the parent runs nothing but the group (kube-master-3 joins in the group).
      waitUntil(
          "kube-master-3 joined",
          Duration.ofSeconds(20),
          () ->
              h.fakes.count(
                      "kube-master-3", joinStep(h, "kube-master-3", Phase.JOIN_CONTROL_PLANES))
                  == 1);
      // The parent's views show the held host from its group's reports.
      waitUntil(
          "the parent shows kube-worker-2 at " + firstStep,
          Duration.ofSeconds(20),
          () -> firstStep.equals(ClusterBringUpTest.row(h, "kube-worker-2").currentStep()));
      assertEquals(Phase.PREPARE_NODES, ClusterBringUpTest.row(h, "kube-worker-2").phase());
      assertEquals(Phase.PREPARE_NODES, h.running().phase().phase());
      assertTrue(h.running().phase().active().contains(Phase.PREPARE_NODES));

      run.cancel();
      String child = WorkflowIds.host(h.inventory.clusterName(), "kube-worker-2");
      waitUntil(
          "the cancel reached kube-worker-2's HostPrep",
          Duration.ofSeconds(20),
          () ->
              history(h, child).stream()
                  .anyMatch(
                      e ->
                          e.getEventType()
                              == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED));
      release.countDown();
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> run.getResult(BringUpResult.class));
      assertInstanceOf(CanceledFailure.class, e.getCause(), String.valueOf(e.getCause()));
      assertEquals(Phase.CANCELLED, h.running().phase().phase());
      assertTrue(
          h.fakes.calls().stream()
              .noneMatch(
                  c ->
                      c.host().equals("kube-worker-2")
                          && c.phase() != Phase.PREFLIGHT
                          && !c.what().equals(firstStep)),
          "kube-worker-2 went no further");
      assertTrue(h.fakes.calls().stream().noneMatch(c -> c.phase() == Phase.VERIFY_CLUSTER));
      List<HistoryEvent> group = history(h, WorkflowIds.hostGroup(h.inventory.clusterName(), 1));
      assertEquals(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
          group.get(group.size() - 1).getEventType(),
          "the group ended cancelled");
    }
  }

  @Test
  void theBoundIsTheClustersSharedBetweenTheParentAndItsGroups() {
    int bound = 2;
    try (BringUpHarness h = grouped(TestInventories.ha(bound))) {
      h.fakes.prepHosts = ConcurrencyProbe.untilAtOnce(bound, h.plan.hosts().size());
      h.fakes.workerJoins = ConcurrencyProbe.expectingNone(Duration.ofMillis(300));
      h.runToEnd(true);
      // The parent's four hosts and the group's four: two at once in all, one each.
      assertEquals(bound, h.fakes.prepHosts.max(), "hosts prepared at once");
      assertEquals(1, h.fakes.workerJoins.max(), "workers joining at once (the group's share)");
    }
  }

  @Test
  void aRunAtItsThresholdKeepsItsShape() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.scaled(64, 10))) {
      h.runToEnd(true);
      List<HistoryEvent> parent = history(h, WorkflowIds.cluster(h.inventory.clusterName()));
      assertEquals(Map.of("HostPrep", 64L), childrenStarted(parent));
      assertFalse(changeIds(parent).contains("host-groups"), "versions: " + changeIds(parent));
    }
  }

  private static BringUpHarness grouped(io.kubeha.inventory.Inventory inventory) {
    BringUpHarness h = new BringUpHarness(inventory);
    h.groupHostsAbove = GROUP_ABOVE;
    return h;
  }

  /** No call ran before a call of a task it needs. */
  private static void assertInGraphOrder(BringUpGraph graph, List<Call> calls) {
    Map<Task, Integer> firstCall = new java.util.HashMap<>();
    Map<Task, Integer> lastCall = new java.util.HashMap<>();
    for (int i = 0; i < calls.size(); i++) {
      Task t = ClusterBringUpTest.taskOf(graph, calls.get(i));
      firstCall.putIfAbsent(t, i);
      lastCall.put(t, i);
    }
    for (Task t : firstCall.keySet()) {
      for (Task need : graph.needs(t)) {
        if (lastCall.containsKey(need)) {
          assertTrue(
              lastCall.get(need) < firstCall.get(t), t + " started before " + need + " ended");
        }
      }
    }
  }

  private static List<HistoryEvent> history(BringUpHarness h, String workflowId) {
    return h.client().fetchHistory(workflowId).getEvents();
  }

  private static Map<String, Long> childrenStarted(List<HistoryEvent> events) {
    return events.stream()
        .filter(
            e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .collect(
            Collectors.groupingBy(
                e ->
                    e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                        .getWorkflowType()
                        .getName(),
                Collectors.counting()));
  }

  /** The change ids of the run's version markers. */
  private static List<String> changeIds(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .filter(p -> p != null && p.getPayloadsCount() > 0)
        .map(p -> p.getPayloads(0).getData().toStringUtf8().replace("\"", ""))
        .toList();
  }

  private static long activities(List<HistoryEvent> events, String type) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .equals(type))
        .count();
  }

  private static String joinStep(BringUpHarness h, String host, Phase phase) {
    return h.plan.steps(host, phase).get(0).id();
  }
}
