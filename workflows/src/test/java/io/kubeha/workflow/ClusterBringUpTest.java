package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.Failures;
import io.kubeha.activity.HostFacts;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.FakeActivities.Call;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bring-up's order, bounds and failure handling, on fake activities. */
@Timeout(60)
class ClusterBringUpTest {

  private static final List<Phase> ACTIVE_PHASES =
      List.of(
          Phase.PREFLIGHT,
          Phase.PREPARE_NODES,
          Phase.START_TIME_SERVER,
          Phase.SYNC_TIME_CLIENTS,
          Phase.CONFIGURE_LOAD_BALANCERS,
          Phase.INIT_FIRST_CONTROL_PLANE,
          Phase.INSTALL_CNI,
          Phase.PREPARE_CONTROL_PLANE_JOINS,
          Phase.JOIN_CONTROL_PLANES,
          Phase.JOIN_WORKERS,
          Phase.VERIFY_CLUSTER);

  @Test
  void runsEveryTaskAfterTheTasksItNeedsAndCountsEveryStepOfThePlan() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      BringUpResult result = h.runToEnd(true);

      List<Call> calls = h.fakes.calls();
      BringUpGraph graph = BringUpGraph.of(h.inventory, h.plan);
      for (int i = 0; i < calls.size(); i++) {
        Task task = taskOf(graph, calls.get(i));
        for (Task need : graph.needs(task)) {
          for (int j = i + 1; j < calls.size(); j++) {
            assertFalse(
                need.equals(taskOf(graph, calls.get(j))),
                calls.get(i) + " (" + task + ") ran before " + calls.get(j) + ", which it needs");
          }
        }
      }
      assertEquals(
          ACTIVE_PHASES.stream().sorted().toList(),
          calls.stream().map(Call::phase).distinct().sorted().toList());
      assertEquals(
          List.of(
              Phase.PREFLIGHT,
              Phase.PREPARE_NODES,
              Phase.START_TIME_SERVER,
              Phase.SYNC_TIME_CLIENTS,
              Phase.CONFIGURE_LOAD_BALANCERS,
              Phase.SERVE_BUNDLE,
              Phase.AWAIT_INIT_APPROVAL,
              Phase.INIT_FIRST_CONTROL_PLANE,
              Phase.INSTALL_CNI,
              Phase.PREPARE_CONTROL_PLANE_JOINS,
              Phase.JOIN_CONTROL_PLANES,
              Phase.JOIN_WORKERS,
              Phase.VERIFY_CLUSTER),
          result.phases().stream().map(PhaseOutcome::phase).toList());
      for (PhaseOutcome o : result.phases()) {
        long planned = h.plan.hosts().stream().mapToLong(p -> p.steps(o.phase()).size()).sum();
        if (o.phase() != Phase.PREFLIGHT && o.phase() != Phase.VERIFY_CLUSTER) {
          assertEquals(planned, o.stepsTotal(), "steps of " + o.phase());
          assertEquals(planned, o.stepsApplied(), "applied steps of " + o.phase());
        }
        // The gate was approved at the start; this inventory has no bundle to serve.
        assertEquals(
            o.phase() == Phase.AWAIT_INIT_APPROVAL || o.phase() == Phase.SERVE_BUNDLE,
            o.skipped(),
            "skipped " + o.phase());
      }
      long everyStep =
          h.plan.hosts().stream()
              .flatMap(p -> p.steps().stream())
              .filter(
                  s ->
                      s.phase() != Phase.INIT_FIRST_CONTROL_PLANE && s.phase() != Phase.INSTALL_CNI)
              .filter(
                  s ->
                      s.phase() != Phase.PREPARE_CONTROL_PLANE_JOINS
                          && s.phase() != Phase.JOIN_CONTROL_PLANES
                          && s.phase() != Phase.JOIN_WORKERS)
              .count();
      assertEquals(
          everyStep,
          calls.stream()
              .filter(
                  c ->
                      c.phase().compareTo(Phase.PREPARE_NODES) >= 0
                          && c.phase().compareTo(Phase.CONFIGURE_LOAD_BALANCERS) <= 0)
              .count());
      assertEquals(BringUpHarness.ADMIN_CONF, result.adminConfPath());
      assertTrue(result.verify().ok());
      h.running()
          .hosts()
          .forEach(s -> assertEquals(s.stepsTotal(), s.stepsDone(), s.host() + " done"));
      assertEquals(Phase.DONE, h.running().phase().phase());
    }
  }

  @Test
  void initRunsWhileAWorkerIsStillBeingPrepared() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      String lastPrepStep = last(h.plan.steps("kube-worker-3", Phase.PREPARE_NODES)).id();
      CountDownLatch initRan = new CountDownLatch(1);
      AtomicBoolean overlapped = new AtomicBoolean();
      h.fakes.onCall =
          call -> {
            if (call.phase() == Phase.INIT_FIRST_CONTROL_PLANE) {
              initRan.countDown();
            } else if (call.host().equals("kube-worker-3") && call.what().equals(lastPrepStep)) {
              // Held until init has run: a phase-by-phase run never gets there and times out.
              BringUpHarness.waitUntil(
                  "init while kube-worker-3 is still prepared",
                  Duration.ofSeconds(20),
                  () -> initRan.getCount() == 0);
              overlapped.set(true);
            }
          };
      h.runToEnd(true);
      assertTrue(overlapped.get(), "init ran while kube-worker-3's last prep step was held");
      List<Call> calls = h.fakes.calls();
      Call join = new Call(Phase.JOIN_WORKERS, "kube-worker-3", joinStep(h, "kube-worker-3"));
      assertTrue(
          calls.indexOf(new Call(Phase.PREPARE_NODES, "kube-worker-3", lastPrepStep))
              < calls.indexOf(join),
          "kube-worker-3 joined after its prep");
    }
  }

  @Test
  void aCancelDuringPreflightEndsTheRunCancelledNotFailed() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.inspectStarted = new CountDownLatch(1);
      h.fakes.inspectMayFinish = new CountDownLatch(1);
      WorkflowStub run = h.start(true);
      waitUntil(
          "preflight runs", Duration.ofSeconds(20), () -> h.fakes.inspectStarted.getCount() == 0);

      run.cancel();
      h.fakes.inspectMayFinish.countDown();

      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> run.getResult(BringUpResult.class));
      assertInstanceOf(CanceledFailure.class, e.getCause(), String.valueOf(e.getCause()));
      assertEquals(Phase.CANCELLED, h.running().phase().phase());
      assertTrue(
          h.fakes.calls().stream().allMatch(c -> c.phase() == Phase.PREFLIGHT),
          "nothing after preflight ran");
    }
  }

  @Test
  void aCancelWhileHostsArePreparedStartsNothingNewAndEndsCancelled() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      // kube-master-1's prep is held: init cannot have started before the cancel.
      String firstStep = h.plan.steps("kube-master-1", Phase.PREPARE_NODES).get(0).id();
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      h.fakes.onCall =
          call -> {
            if (call.host().equals("kube-master-1") && call.what().equals(firstStep)) {
              held.countDown();
              BringUpHarness.waitUntil(
                  "the test lets go", Duration.ofSeconds(30), () -> release.getCount() == 0);
            }
          };
      WorkflowStub run = h.start(true);
      waitUntil("kube-master-1's prep is held", Duration.ofSeconds(20), () -> held.getCount() == 0);

      run.cancel();
      release.countDown();
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> run.getResult(BringUpResult.class));
      assertInstanceOf(CanceledFailure.class, e.getCause(), String.valueOf(e.getCause()));
      assertEquals(Phase.CANCELLED, h.running().phase().phase());
      assertEquals(-1, firstIndexOf(h.fakes.calls(), Phase.INIT_FIRST_CONTROL_PLANE));
      assertEquals(-1, firstIndexOf(h.fakes.calls(), Phase.JOIN_WORKERS));
    }
  }

  @Test
  void timeClientsStartOnlyAfterTheServerStepSucceeded() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.runToEnd(true);
      List<Call> calls = h.fakes.calls();
      int lastServer = lastIndexOf(calls, Phase.START_TIME_SERVER);
      int firstClient = firstIndexOf(calls, Phase.SYNC_TIME_CLIENTS);
      assertTrue(
          lastServer >= 0 && lastServer < firstClient,
          "server at " + lastServer + ", client at " + firstClient);
      assertTrue(
          calls.stream()
              .filter(c -> c.phase() == Phase.START_TIME_SERVER)
              .allMatch(c -> c.host().equals("HA-LB-A")));
      assertEquals(
          7,
          calls.stream()
              .filter(c -> c.phase() == Phase.SYNC_TIME_CLIENTS)
              .map(Call::host)
              .distinct()
              .count());
    }
  }

  @Test
  void aFailedTimeServerStopsTheRunBeforeAnyClient() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      String step = h.plan.steps("HA-LB-A", Phase.START_TIME_SERVER).get(0).id();
      h.fakes.failNext(
          "HA-LB-A",
          step,
          ApplicationFailure.newNonRetryableFailure("chronyd does not serve", "Broken"));
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> h.runToEnd(true));
      assertTrue(message(e).contains("HA-LB-A: step " + step), message(e));
      assertEquals(-1, firstIndexOf(h.fakes.calls(), Phase.SYNC_TIME_CLIENTS));
      assertEquals(Phase.FAILED, h.running().phase().phase());
    }
  }

  @Test
  void hostsArePreparedAndWorkersJoinedInParallelUpToTheBound() {
    int bound = 2;
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(bound))) {
      h.fakes.prepHosts = ConcurrencyProbe.untilAtOnce(bound, h.plan.hosts().size());
      h.fakes.workerJoins = ConcurrencyProbe.untilAtOnce(bound, 3);
      h.runToEnd(true);
      assertEquals(bound, h.fakes.prepHosts.max(), "hosts prepared at once");
      assertEquals(bound, h.fakes.workerJoins.max(), "workers joining at once");
      assertEquals(
          8,
          h.fakes.calls().stream()
              .filter(c -> c.phase() == Phase.PREPARE_NODES)
              .map(Call::host)
              .distinct()
              .count());
    }
  }

  @Test
  void mastersJoinStrictlyOneAtATimeInInventoryOrder() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.controlPlaneJoins = ConcurrencyProbe.expectingNone(Duration.ofMillis(300));
      h.fakes.workerJoins = ConcurrencyProbe.untilAtOnce(3, 3);
      h.runToEnd(true);
      assertEquals(1, h.fakes.controlPlaneJoins.max(), "masters joining at once");
      assertEquals(3, h.fakes.workerJoins.max(), "workers joining at once");
      assertEquals(
          List.of("kube-master-2", "kube-master-3"),
          h.fakes.calls().stream()
              .filter(c -> c.phase() == Phase.JOIN_CONTROL_PLANES)
              .map(Call::host)
              .toList());
    }
  }

  @Test
  void mastersPrepareTheirJoinsAtOnceAndEachJoinsFromItsPrepare() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.joinPrepares = ConcurrencyProbe.untilAtOnce(2, 2);
      h.fakes.controlPlaneJoins = ConcurrencyProbe.expectingNone(Duration.ofMillis(300));
      h.runToEnd(true);
      assertEquals(2, h.fakes.joinPrepares.max(), "masters preparing their joins at once");
      assertEquals(1, h.fakes.controlPlaneJoins.max(), "masters joining at once");
      assertPreparedThenJoined(h);
    }
  }

  @Test
  void phaseByPhaseMastersPrepareTogetherBeforeTheFirstJoins() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.joinPrepares = ConcurrencyProbe.untilAtOnce(2, 2);
      BringUpResult result = h.runPhaseByPhase();
      assertEquals(2, h.fakes.joinPrepares.max(), "masters preparing their joins at once");
      assertEquals(2, outcome(result, Phase.PREPARE_CONTROL_PLANE_JOINS).stepsApplied());
      List<Call> calls = h.fakes.calls();
      assertTrue(
          lastIndexOf(calls, Phase.PREPARE_CONTROL_PLANE_JOINS)
              < firstIndexOf(calls, Phase.JOIN_CONTROL_PLANES),
          calls.toString());
      assertPreparedThenJoined(h);
    }
  }

  /** Each master's prepare ran once, before its join, whose input names the prepare step. */
  private static void assertPreparedThenJoined(BringUpHarness h) {
    List<Call> calls = h.fakes.calls();
    for (String master : List.of("kube-master-2", "kube-master-3")) {
      Step prepare = h.plan.steps(master, Phase.PREPARE_CONTROL_PLANE_JOINS).get(0);
      Call prepared = new Call(Phase.PREPARE_CONTROL_PLANE_JOINS, master, prepare.id());
      Call joined =
          new Call(
              Phase.JOIN_CONTROL_PLANES,
              master,
              h.plan.steps(master, Phase.JOIN_CONTROL_PLANES).get(0).id());
      assertEquals(1, calls.stream().filter(prepared::equals).count(), master);
      assertTrue(calls.indexOf(prepared) < calls.indexOf(joined), master + ": " + calls);
      assertEquals(prepare, h.fakes.joinInput(master).prepareStep(), master);
    }
    assertEquals(null, h.fakes.joinInput("kube-worker-1").prepareStep(), "a worker joins whole");
  }

  @Test
  void withoutLoadBalancersTheirPhaseIsSkippedAndTheFirstMasterServesTime() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.noLoadBalancer())) {
      BringUpResult result = h.runToEnd(true);
      assertTrue(outcome(result, Phase.CONFIGURE_LOAD_BALANCERS).skipped());
      assertTrue(outcome(result, Phase.PREPARE_CONTROL_PLANE_JOINS).skipped());
      assertTrue(outcome(result, Phase.JOIN_CONTROL_PLANES).skipped());
      assertFalse(outcome(result, Phase.JOIN_WORKERS).skipped());
      List<Call> calls = h.fakes.calls();
      assertEquals(-1, firstIndexOf(calls, Phase.CONFIGURE_LOAD_BALANCERS));
      assertEquals(
          List.of("kube-master-1"),
          calls.stream()
              .filter(c -> c.phase() == Phase.START_TIME_SERVER)
              .map(Call::host)
              .distinct()
              .toList());
    }
  }

  @Test
  void aFailingStepIsRetriedAndTheRunSucceeds() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      String step = h.plan.steps("kube-worker-2", Phase.PREPARE_NODES).get(1).id();
      h.fakes.failNext("kube-worker-2", step, new IllegalStateException("dpkg lock held"));
      h.runToEnd(true);
      assertEquals(2, h.fakes.count("kube-worker-2", step));
      HostStatus worker2 =
          h.running().hosts().stream()
              .filter(s -> s.host().equals("kube-worker-2"))
              .findFirst()
              .orElseThrow();
      assertTrue(worker2.lastError().contains("dpkg lock held"), worker2.lastError());
      assertEquals(worker2.stepsTotal(), worker2.stepsDone());
    }
  }

  /** grouped: the same run above its size threshold, its workers in a group (HostGroup). */
  @ParameterizedTest(name = "grouped {0}")
  @ValueSource(booleans = {false, true})
  void aNonRetryableFailureFailsTheRunNamingHostPhaseAndStep(boolean grouped) {
    try (BringUpHarness h = harness(grouped)) {
      Step step = h.plan.steps("kube-worker-3", Phase.PREPARE_NODES).get(0);
      h.fakes.failNext(
          "kube-worker-3",
          step.id(),
          ApplicationFailure.newFailure("host key changed", Failures.HOST_KEY_MISMATCH));
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> h.runToEnd(true));
      String message = message(e);
      assertTrue(
          message.startsWith(
              Phase.PREPARE_NODES.title()
                  + ": failed on 1 host: kube-worker-3: step "
                  + step.id()
                  + ": host key changed"),
          message);
      assertEquals(1, h.fakes.count("kube-worker-3", step.id()));
      // Its own later tasks and verify wait for it; unrelated hosts go on and join.
      assertEquals(
          List.of(Phase.PREFLIGHT, Phase.PREPARE_NODES),
          h.fakes.calls().stream()
              .filter(c -> c.host().equals("kube-worker-3"))
              .map(Call::phase)
              .toList());
      assertEquals(-1, firstIndexOf(h.fakes.calls(), Phase.VERIFY_CLUSTER));
      assertEquals(1, h.fakes.count("kube-worker-1", joinStep(h, "kube-worker-1")));
      assertEquals(Phase.FAILED, h.running().phase().phase());
      assertTrue(
          causeTypes(e).contains(Failures.HOST_KEY_MISMATCH),
          "the run's failure keeps the host's: " + causeTypes(e));
      assertTrue(
          String.valueOf(row(h, "kube-worker-3").lastError()).contains("host key changed"),
          String.valueOf(row(h, "kube-worker-3")));
    }
  }

  /** The types of every ApplicationFailure in the cause chain, outermost first. */
  static List<String> causeTypes(Throwable e) {
    List<String> types = new java.util.ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        types.add(app.getType());
      }
    }
    return types;
  }

  @ParameterizedTest(name = "grouped {0}")
  @ValueSource(booleans = {false, true})
  void anUnreachableHostFailsPreflightShowingItsErrorInTheHostsTable(boolean grouped) {
    try (BringUpHarness h = harness(grouped)) {
      h.fakes.failNext(
          "kube-worker-3",
          "inspect",
          ApplicationFailure.newNonRetryableFailure(
              "kube-worker-3: no route to host", "SshUnreachable"));
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> h.runToEnd(true));
      assertTrue(
          message(e)
              .startsWith(
                  Phase.PREFLIGHT.title() + ": failed on 1 host: kube-worker-3: no route to host"),
          message(e));
      assertTrue(causeTypes(e).contains("SshUnreachable"), String.valueOf(causeTypes(e)));
      assertEquals(h.plan.hosts().size(), h.fakes.calls().size(), "every host inspected, once");
      HostStatus row = row(h, "kube-worker-3");
      assertEquals(Phase.PREFLIGHT, row.phase());
      assertTrue(String.valueOf(row.lastError()).contains("no route to host"), String.valueOf(row));
    }
  }

  @Test
  void aSharedProductUuidFailsPreflightNamingBothHostsBeforeAnythingIsTouched() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      var w1 = FakeActivities.healthy("kube-worker-1", 21);
      var w2 = FakeActivities.healthy("kube-worker-2", 22);
      h.fakes.facts(
          new HostFacts(
              w1.host(),
              w1.os(),
              w1.arch(),
              w1.hostname(),
              w1.macAddresses(),
              "same-uuid",
              w1.cpus(),
              w1.memoryMiB(),
              w1.clockMillis(),
              w1.portsInUse(),
              true,
              false));
      h.fakes.facts(
          new HostFacts(
              w2.host(),
              w2.os(),
              w2.arch(),
              w2.hostname(),
              w2.macAddresses(),
              "same-uuid",
              w2.cpus(),
              w2.memoryMiB(),
              w2.clockMillis(),
              w2.portsInUse(),
              true,
              false));
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> h.runToEnd(true));
      String message = message(e);
      assertTrue(
          message.contains("kube-worker-1, kube-worker-2: share the product_uuid same-uuid"),
          message);
      assertTrue(h.fakes.calls().stream().allMatch(c -> c.phase() == Phase.PREFLIGHT));
      assertEquals(1, h.running().initPlan().preflightFindings().size());
      for (String host : List.of("kube-worker-1", "kube-worker-2")) {
        HostStatus row =
            h.running().hosts().stream()
                .filter(s -> s.host().equals(host))
                .findFirst()
                .orElseThrow();
        assertTrue(
            String.valueOf(row.lastError()).contains("same-uuid"),
            host + " shows the finding: " + row);
      }
    }
  }

  @Test
  void aFirstMasterThatAlreadyJoinedIsAdoptedWithoutWaitingForApproval() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      HostFacts m = FakeActivities.healthy("kube-master-1", 0);
      h.fakes.facts(
          new HostFacts(
              m.host(),
              m.os(),
              m.arch(),
              m.hostname(),
              m.macAddresses(),
              m.productUuid(),
              m.cpus(),
              m.memoryMiB(),
              m.clockMillis(),
              List.of(6443, 10250),
              true,
              true));
      BringUpResult result = h.runToEnd(false);
      assertTrue(outcome(result, Phase.AWAIT_INIT_APPROVAL).skipped());
      assertEquals(
          1,
          h.fakes.calls().stream()
              .filter(c -> c.phase() == Phase.INIT_FIRST_CONTROL_PLANE)
              .count());
      assertEquals(
          List.of(
              "kube-master-1: ports already in use: [6443, 10250] (the host already joined the cluster)"),
          result.warnings());
    }
  }

  @Test
  void anUnhealthyClusterFailsTheRunListingTheProblems() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.verifyProblems =
          List.of("kube-worker-2 is NotReady", "etcd has 2 members, expected 3");
      WorkflowFailedException e =
          assertThrows(WorkflowFailedException.class, () -> h.runToEnd(true));
      assertEquals(
          Phase.VERIFY_CLUSTER.title()
              + ": the cluster is not healthy: kube-worker-2 is NotReady; "
              + "etcd has 2 members, expected 3",
          message(e));
    }
  }

  /** ha(10), its workers in a group when grouped. */
  private static BringUpHarness harness(boolean grouped) {
    BringUpHarness h = new BringUpHarness(TestInventories.ha(10));
    h.groupHostsAbove = grouped ? GroupedBringUpTest.GROUP_ABOVE : null;
    return h;
  }

  static HostStatus row(BringUpHarness h, String host) {
    return h.running().hosts().stream()
        .filter(s -> s.host().equals(host))
        .findFirst()
        .orElseThrow();
  }

  /** The graph's task a call belongs to: its host's task of the phase, or the cluster's. */
  static Task taskOf(BringUpGraph graph, Call call) {
    Task onHost = Task.on(call.host(), call.phase());
    return graph.tasks().contains(onHost) ? onHost : Task.ofCluster(call.phase());
  }

  static String joinStep(BringUpHarness h, String host) {
    return h.plan.steps(host, Phase.JOIN_WORKERS).get(0).id();
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  static String message(WorkflowFailedException e) {
    return ((ApplicationFailure) e.getCause()).getOriginalMessage();
  }

  private static PhaseOutcome outcome(BringUpResult result, Phase phase) {
    return result.phases().stream().filter(o -> o.phase() == phase).findFirst().orElseThrow();
  }

  private static int firstIndexOf(List<Call> calls, Phase phase) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).phase() == phase) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(List<Call> calls, Phase phase) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).phase() == phase) {
        return i;
      }
    }
    return -1;
  }
}
