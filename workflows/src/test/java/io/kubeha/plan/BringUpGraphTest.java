package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Chain;
import io.kubeha.plan.graph.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lab's bring-up graph has the runbook's orders as edges, and no phase barriers besides. */
class BringUpGraphTest {
  private final Inventory lab = TestInventories.lab();
  private final BringUpGraph graph = BringUpGraph.of(lab, PlanRenderer.render(lab));

  private static Task on(String host, Phase phase) {
    return Task.on(host, phase);
  }

  @Test
  void everyHostsStepsAreInTheGraphOnceInTheirOwnOrder() {
    Plan plan = PlanRenderer.render(lab);
    for (HostPlan host : plan.hosts()) {
      List<Step> inGraph =
          graph.tasks().stream()
              .filter(t -> host.host().equals(t.host()))
              .flatMap(t -> graph.steps(t).stream())
              .toList();
      assertEquals(host.steps(), inGraph, host.host());
    }
    assertEquals(Task.ofCluster(Phase.PREFLIGHT), graph.levels().get(0).get(0));
    assertEquals(
        List.of(Task.ofCluster(Phase.VERIFY_CLUSTER)),
        graph.levels().get(graph.levels().size() - 1));
  }

  @Test
  void clientsSyncOnlyOnceTheTimeServerServes() {
    Task server = on("ha-lb-a", Phase.START_TIME_SERVER);
    for (Task t : graph.tasks()) {
      if (t.phase() == Phase.SYNC_TIME_CLIENTS) {
        assertTrue(graph.needs(t).contains(server), t + " needs " + graph.needs(t));
      }
    }
  }

  @Test
  void initWaitsForTheEndpointTheFirstMastersTimeAndTheApprovalButNotTheOtherHosts() {
    Set<Task> done = new HashSet<>();
    for (Task t :
        List.of(
            Task.ofCluster(Phase.PREFLIGHT),
            Task.ofCluster(Phase.AWAIT_INIT_APPROVAL),
            on("ha-lb-a", Phase.PREPARE_NODES),
            on("ha-lb-a", Phase.START_TIME_SERVER),
            on("ha-lb-a", Phase.CONFIGURE_LOAD_BALANCERS),
            on("ha-lb-b", Phase.PREPARE_NODES),
            on("ha-lb-b", Phase.SYNC_TIME_CLIENTS),
            on("kube-master-1", Phase.PREPARE_NODES))) {
      done.add(t);
    }
    Task init = on("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE);
    Task lbB = on("ha-lb-b", Phase.CONFIGURE_LOAD_BALANCERS);
    Task timeM1 = on("kube-master-1", Phase.SYNC_TIME_CLIENTS);
    assertFalse(readyAfter(graph, done).contains(init), "init before the first master's time sync");
    done.add(timeM1);
    assertFalse(
        readyAfter(graph, done).contains(init), "init before ha-lb-b's nginx and keepalived");
    done.add(lbB);
    // The workers and the other masters are still being prepared.
    assertTrue(readyAfter(graph, done).contains(init), readyAfter(graph, done).toString());
    done.remove(Task.ofCluster(Phase.AWAIT_INIT_APPROVAL));
    assertFalse(readyAfter(graph, done).contains(init), "init without the approval");
  }

  @Test
  void theApprovalIsAskedRightAfterPreflightBesideEveryHostsPrep() {
    List<Task> ready = readyAfter(graph, Set.of(Task.ofCluster(Phase.PREFLIGHT)));
    assertTrue(ready.contains(Task.ofCluster(Phase.AWAIT_INIT_APPROVAL)));
    assertEquals(lab.hosts().size() + 1, ready.size(), ready.toString());
  }

  @Test
  void controlPlanesJoinOneAtATimeAfterInitNotAfterTheCniWorkersAfterBoth() {
    Task init = on("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE);
    Task cni = on("kube-master-1", Phase.INSTALL_CNI);
    Task m2 = on("kube-master-2", Phase.JOIN_CONTROL_PLANES);
    Task m3 = on("kube-master-3", Phase.JOIN_CONTROL_PLANES);
    assertTrue(graph.needs(m2).contains(init));
    assertTrue(graph.needs(m3).contains(m2), "m3 joins after m2: " + graph.needs(m3));
    assertFalse(graph.blockedBy(cni).contains(m2), "a control-plane join waits for the CNI");
    for (String w : List.of("kube-worker-1", "kube-worker-2", "kube-worker-3")) {
      Task join = on(w, Phase.JOIN_WORKERS);
      assertTrue(graph.needs(join).containsAll(List.of(init, cni)), join + " " + graph.needs(join));
      assertFalse(graph.blockedBy(m2).contains(join), join + " waits for kube-master-2's join");
    }
  }

  @Test
  void controlPlanesPrepareTheirJoinsTogetherAfterInitAndEachJoinsAfterItsOwnPrepare() {
    Task init = on("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE);
    Task prepare2 = on("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS);
    Task prepare3 = on("kube-master-3", Phase.PREPARE_CONTROL_PLANE_JOINS);
    Task join2 = on("kube-master-2", Phase.JOIN_CONTROL_PLANES);
    Task join3 = on("kube-master-3", Phase.JOIN_CONTROL_PLANES);
    assertEquals(Set.of(on("kube-master-2", Phase.SYNC_TIME_CLIENTS), init), graph.needs(prepare2));
    assertEquals(Set.of(on("kube-master-3", Phase.SYNC_TIME_CLIENTS), init), graph.needs(prepare3));
    assertEquals(Set.of(prepare2, init), graph.needs(join2));
    assertEquals(Set.of(prepare3, init, join2), graph.needs(join3));
    assertFalse(graph.blockedBy(join2).contains(prepare3), "m3 prepares while m2 joins");
    assertFalse(graph.blockedBy(prepare2).contains(prepare3));
    // Once init is done, both prepares may start together.
    Set<Task> done = new HashSet<>();
    for (Task t : graph.tasks()) {
      if (!t.equals(init) && !graph.blockedBy(init).contains(t)) {
        done.add(t);
      }
    }
    assertFalse(readyAfter(graph, done).contains(prepare2), "a prepare before init");
    done.add(init);
    List<Task> ready = readyAfter(graph, done);
    assertTrue(ready.containsAll(List.of(prepare2, prepare3)), ready.toString());
    assertFalse(ready.contains(join3), ready.toString());
    int level2 = levelOf(prepare2);
    assertEquals(level2, levelOf(prepare3), "one play prepares both");
    assertTrue(levelOf(join2) < levelOf(join3));
  }

  private int levelOf(Task t) {
    List<List<Task>> levels = graph.levels();
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).contains(t)) {
        return i;
      }
    }
    throw new AssertionError(t + " in no level");
  }

  @Test
  void aFailingHostStopsItsDependentsNotUnrelatedHosts() {
    Set<Task> blocked = graph.blockedBy(on("kube-worker-1", Phase.PREPARE_NODES));
    assertEquals(
        Set.of(
            on("kube-worker-1", Phase.SYNC_TIME_CLIENTS),
            on("kube-worker-1", Phase.JOIN_WORKERS),
            Task.ofCluster(Phase.VERIFY_CLUSTER)),
        blocked);
  }

  @Test
  void theLongestChainRunsThroughTheFirstMasterAPrepareAndTheSerialJoins() {
    // 10 ms a step (a node has twice the prep steps of a load balancer, a prepare one step), 50 ms
    // a control-plane join's serial part.
    Chain chain =
        graph.longestChain(
            t -> t.phase() == Phase.JOIN_CONTROL_PLANES ? 50 : 10L * graph.steps(t).size());
    assertEquals(
        List.of(
            Task.ofCluster(Phase.PREFLIGHT),
            on("kube-master-1", Phase.PREPARE_NODES),
            on("kube-master-1", Phase.SYNC_TIME_CLIENTS),
            on("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE),
            on("kube-master-2", Phase.PREPARE_CONTROL_PLANE_JOINS),
            on("kube-master-2", Phase.JOIN_CONTROL_PLANES),
            on("kube-master-3", Phase.JOIN_CONTROL_PLANES),
            Task.ofCluster(Phase.VERIFY_CLUSTER)),
        chain.tasks());
    long m1 =
        chain.tasks().subList(1, 4).stream().mapToLong(t -> 10L * graph.steps(t).size()).sum();
    assertEquals(m1 + 10 + 50 + 50, chain.millis(), "m3's prepare is off the chain");
  }

  @Test
  void theSameInventoryAlwaysGivesTheSameOrder() {
    BringUpGraph again = BringUpGraph.of(lab, PlanRenderer.render(lab));
    assertEquals(graph.tasks(), again.tasks());
    for (Task t : graph.tasks()) {
      assertEquals(List.copyOf(graph.needs(t)), List.copyOf(again.needs(t)), t.toString());
    }
    assertEquals(graph.levels(), again.levels());
  }

  /** The definition of ready, for the tests: not done, and every need done; in the plan's order. */
  static List<Task> readyAfter(BringUpGraph graph, Set<Task> done) {
    return graph.tasks().stream()
        .filter(t -> !done.contains(t) && done.containsAll(graph.needs(t)))
        .toList();
  }
}
