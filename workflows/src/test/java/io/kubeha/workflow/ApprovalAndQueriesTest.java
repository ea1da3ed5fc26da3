package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.FakeActivities.Call;
import io.kubeha.workflow.bringup.ApproveInitResult;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.bringup.HostPrep;
import io.kubeha.workflow.bringup.InitPlan;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.PhaseView;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The approval gate (update and signal) and the queries, in every phase of a run. */
@Timeout(60)
class ApprovalAndQueriesTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void theGateWaitsThreeDaysThenInitProceedsOnApproval() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      WorkflowStub run = h.start(false);
      ClusterBringUp bringUp = h.running();
      waitUntil("the run waits at the gate", DEADLINE, () -> bringUp.phase().waitingForApproval());

      h.env.sleep(Duration.ofDays(3));

      PhaseView view = bringUp.phase();
      assertEquals(Phase.AWAIT_INIT_APPROVAL, view.phase());
      assertTrue(view.waitingForApproval());
      assertEquals(0, h.fakes.count("kube-master-1", initStep(h)));
      ApproveInitResult approved =
          bringUp.approveInit(new ApprovalRequest("alice", TestInventories.CLUSTER));
      assertEquals(new ApproveInitResult("alice", "kube-master-1"), approved);

      BringUpResult result = run.getResult(BringUpResult.class);
      assertEquals(1, h.fakes.count("kube-master-1", initStep(h)));
      PhaseOutcome gate =
          result.phases().stream()
              .filter(o -> o.phase() == Phase.AWAIT_INIT_APPROVAL)
              .findFirst()
              .orElseThrow();
      assertFalse(gate.skipped());
      assertTrue(gate.millis() >= Duration.ofDays(3).toMillis(), "waited " + gate.millis() + " ms");
    }
  }

  @Test
  void anApprovalBeforeTheGateIsRejectedAndASignalAtTheGateApproves() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.fakes.inspectStarted = new CountDownLatch(1);
      h.fakes.inspectMayFinish = new CountDownLatch(1);
      WorkflowStub run = h.start(false);
      ClusterBringUp bringUp = h.running();
      waitUntil("preflight runs", DEADLINE, () -> h.fakes.inspectStarted.getCount() == 0);

      WorkflowUpdateException rejected =
          assertThrows(
              WorkflowUpdateException.class,
              () -> bringUp.approveInit(new ApprovalRequest("too-early", TestInventories.CLUSTER)));
      assertTrue(
          String.valueOf(rejected.getCause().getMessage()).contains("not waiting for approval"),
          String.valueOf(rejected.getCause()));
      bringUp.approveInitSignal(new ApprovalRequest("early-signal", TestInventories.CLUSTER));
      h.fakes.inspectMayFinish.countDown();

      waitUntil("the run waits at the gate", DEADLINE, () -> bringUp.phase().waitingForApproval());
      assertEquals(
          0, h.fakes.count("kube-master-1", initStep(h)), "an early signal must not approve init");
      bringUp.approveInitSignal(new ApprovalRequest("bob", TestInventories.CLUSTER));
      run.getResult(BringUpResult.class);
      assertEquals(1, h.fakes.count("kube-master-1", initStep(h)));
    }
  }

  @Test
  void anApprovalNamingAnotherClusterOrNoneIsRefusedAndASignalLikeItIsIgnored() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      WorkflowStub run = h.start(false);
      ClusterBringUp bringUp = h.running();
      waitUntil("the run waits at the gate", DEADLINE, () -> bringUp.phase().waitingForApproval());

      for (ApprovalRequest wrong :
          List.of(
              new ApprovalRequest("mallory", "lab-b"),
              new ApprovalRequest("mallory", null),
              new ApprovalRequest("mallory", ""))) {
        WorkflowUpdateException rejected =
            assertThrows(WorkflowUpdateException.class, () -> bringUp.approveInit(wrong));
        assertTrue(
            String.valueOf(rejected.getCause().getMessage()).contains("cluster"),
            String.valueOf(rejected.getCause()));
        bringUp.approveInitSignal(wrong);
      }
      // Had a signal approved, the run would no longer wait and this update would be refused.
      ApproveInitResult approved =
          bringUp.approveInit(new ApprovalRequest("alice", TestInventories.CLUSTER));
      assertEquals("alice", approved.approvedBy());
      run.getResult(BringUpResult.class);
      assertEquals(1, h.fakes.count("kube-master-1", initStep(h)));
    }
  }

  @Test
  void everyQueryAnswersInEveryPhase() {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      Set<Phase> seen = ConcurrentHashMap.newKeySet();
      List<String> problems = new CopyOnWriteArrayList<>();
      h.fakes.onCall =
          call -> {
            try {
              seen.addAll(checkQueries(h, h.running(), call));
            } catch (RuntimeException | AssertionError e) {
              problems.add(call + ": " + e);
            }
          };
      WorkflowStub run = h.start(false);
      ClusterBringUp bringUp = h.running();
      seen.addAll(checkQueries(h, bringUp, null));
      waitUntil("the run waits at the gate", DEADLINE, () -> bringUp.phase().waitingForApproval());
      seen.addAll(checkQueries(h, bringUp, null));
      bringUp.approveInit(new ApprovalRequest("carol", TestInventories.CLUSTER));
      run.getResult(BringUpResult.class);
      seen.addAll(checkQueries(h, bringUp, null));

      assertEquals(List.of(), problems);
      // Every phase but the bundle's: this inventory has none.
      Set<Phase> phases = EnumSet.range(Phase.PREFLIGHT, Phase.DONE);
      phases.remove(Phase.SERVE_BUNDLE);
      assertTrue(seen.containsAll(phases), "seen " + seen);
      assertFalse(seen.contains(Phase.FAILED));
    }
  }

  /**
   * Asks all three queries (and the host's own status in node prep); returns the phases seen: the
   * earliest unfinished and the active ones.
   */
  private static Set<Phase> checkQueries(BringUpHarness h, ClusterBringUp bringUp, Call call) {
    PhaseView view = bringUp.phase();
    assertNotNull(view.phase());
    assertEquals(view.phase().title(), view.title());
    if (call != null) {
      assertTrue(view.active().contains(call.phase()), call + " while active " + view.active());
      assertTrue(view.phase().compareTo(call.phase()) <= 0, call + " in phase " + view.phase());
    }
    // The plan arrives from the run's first activity; no host is touched before it.
    InitPlan initPlan = bringUp.initPlan();
    boolean planned = initPlan.kubeadmConfig() != null;
    assertTrue(planned || call == null, call + " before the plan");
    List<HostStatus> hosts = bringUp.hosts();
    assertEquals(h.plan.hosts().size(), hosts.size());
    // Read after initPlan: the plan may have arrived in between, but never gone.
    boolean hostsPlanned = hosts.stream().anyMatch(s -> s.stepsTotal() > 0);
    assertTrue(hostsPlanned || !planned, "the hosts lost the plan initPlan showed");
    hosts.forEach(
        s ->
            assertEquals(
                hostsPlanned ? h.plan.host(s.host()).orElseThrow().steps().size() : 0,
                s.stepsTotal()));
    assertEquals("kube-master-1", initPlan.firstMaster());
    assertEquals(h.plan.controlPlaneEndpoint(), initPlan.controlPlaneEndpoint());
    if (planned) {
      assertEquals(h.plan.kubeadmConfig(), initPlan.kubeadmConfig());
    }
    if (call != null && call.phase() == Phase.PREPARE_NODES) {
      HostStatus own =
          h.client()
              .newWorkflowStub(
                  HostPrep.class, WorkflowIds.host(TestInventories.CLUSTER, call.host()))
              .status();
      assertEquals(call.host(), own.host());
      assertEquals(call.what(), own.currentStep());
      assertEquals(h.plan.steps(call.host(), Phase.PREPARE_NODES).size(), own.stepsTotal());
    }
    Set<Phase> seen = EnumSet.of(view.phase());
    seen.addAll(view.active());
    return seen;
  }

  private static String initStep(BringUpHarness h) {
    return h.plan.steps("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE).get(0).id();
  }
}
