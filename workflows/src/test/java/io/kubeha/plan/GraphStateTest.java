package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.GraphState;
import io.kubeha.plan.graph.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run's state answers what the graph would, one change at a time. */
class GraphStateTest {
  private final Inventory lab = TestInventories.lab();
  private final BringUpGraph graph = BringUpGraph.of(lab, PlanRenderer.render(lab));

  @Test
  void readyMatchesTheGraphAfterEveryTaskEndsInPlanOrder() {
    GraphState state = new GraphState(graph);
    Set<Task> done = new HashSet<>();
    while (!state.ready().isEmpty()) {
      assertEquals(BringUpGraphTest.readyAfter(graph, done), state.ready());
      Task next = state.ready().get(0);
      state.started(next);
      assertEquals(1, state.running(next.phase()));
      assertEquals(List.of(next.phase()), state.runningGroups());
      state.done(next);
      done.add(next);
    }
    assertEquals(graph.tasks().size(), done.size());
    assertEquals(Optional.empty(), state.earliestOpen());
  }

  @Test
  void aFailedPrepBlocksOnlyItsHostsLaterTasksAndVerify() {
    GraphState state = new GraphState(graph);
    Task preflight = Task.ofCluster(Phase.PREFLIGHT);
    state.started(preflight);
    state.done(preflight);
    Task workerPrep = Task.on("kube-worker-3", Phase.PREPARE_NODES);
    state.started(workerPrep);
    List<Task> blocked = state.failed(workerPrep);

    assertEquals(
        List.of(
            Task.on("kube-worker-3", Phase.SYNC_TIME_CLIENTS),
            Task.on("kube-worker-3", Phase.JOIN_WORKERS),
            Task.ofCluster(Phase.VERIFY_CLUSTER)),
        blocked.stream().sorted(java.util.Comparator.comparing(Task::phase)).toList());
    assertTrue(state.ready().contains(Task.on("kube-worker-1", Phase.PREPARE_NODES)));
    assertFalse(state.ready().contains(workerPrep));
    assertEquals(Optional.of(Phase.PREPARE_NODES), state.earliestOpen());
  }
}
