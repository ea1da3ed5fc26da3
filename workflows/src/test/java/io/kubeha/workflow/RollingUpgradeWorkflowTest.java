package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.ClusterState;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.NodeUpgradeActivities;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.ClusterUpgradeImpl;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.kubeha.workflow.upgrade.UpgradeResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The upgrade workflow's order, gate, and stop-and-retry at a failed node, on fake activities. */
@Timeout(60)
class RollingUpgradeWorkflowTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private final Inventory inv = TestInventories.ha(10);
  private final Fakes fakes = new Fakes();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = DayTwoEnvironment.start(fakes, ClusterUpgradeImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void waitsAtTheGateThenRollsControlPlanesFirstAndOneAtATime() {
    ClusterUpgrade run = newRun();
    WorkflowClient.start(run::run, new UpgradeInput(inv, 2, 60, false));
    ClusterUpgrade running = running();
    waitUntil("the run waits at the gate", DEADLINE, () -> running.phase().waitingForApproval());
    assertEquals(Phase.AWAIT_UPGRADE_APPROVAL, running.phase().phase());
    assertEquals("plan for 1.37.2", running.upgradePlan());
    assertEquals(0, fakes.upgrades.size(), "nothing upgraded before the approval");
    Map<String, String> pulls = new java.util.TreeMap<>();
    inv.nodes()
        .forEach(
            h ->
                pulls.put(
                    h.name(),
                    h.has(io.kubeha.inventory.Role.CONTROL_PLANE)
                        ? "control-plane-images"
                        : "node-images"));
    assertEquals(
        pulls, new java.util.TreeMap<>(fakes.pulled), "every node pulled before the approval");
    running.approveUpgrade(new ApprovalRequest("test", inv.clusterName()));
    UpgradeResult result = WorkflowStub.fromTyped(run).getResult(UpgradeResult.class);
    List<String> masters = inv.controlPlanes().stream().map(HostSpec::name).toList();
    assertEquals(masters, fakes.upgrades.subList(0, 3), "control planes first, in order");
    assertEquals("apply", fakes.kind.get(masters.get(0)), "kubeadm upgrade apply on the first");
    assertEquals("node", fakes.kind.get(masters.get(1)));
    assertEquals(inv.nodes().size(), result.upgraded().size());
    assertTrue(fakes.maxConcurrentWorkers.get() <= 2, "at most --max-unavailable workers at once");
    List<String> all = List.of("kube-master-1", "kube-master-2", "kube-master-3");
    assertEquals(
        List.of(
            "upstreams [kube-master-2, kube-master-3]",
            "upgrade kube-master-1",
            "upstreams " + all,
            "upstreams [kube-master-1, kube-master-3]",
            "upgrade kube-master-2",
            "upstreams " + all,
            "upstreams [kube-master-1, kube-master-2]",
            "upgrade kube-master-3",
            "upstreams " + all),
        fakes.controlPlaneEvents(inv),
        "each control plane out of the LBs' upstreams during its upgrade, and back before the next");
  }

  @Test
  void aFailedWorkerStopsTheRollUntilRetriedAndTheRestWait() {
    fakes.failOnce.add("kube-worker-1");
    ClusterUpgrade run = newRun();
    WorkflowClient.start(run::run, new UpgradeInput(inv, 1, 60, true));
    ClusterUpgrade running = running();
    waitUntil("the roll stops at kube-worker-1", DEADLINE, () -> !running.failedNode().isEmpty());
    assertTrue(running.failedNode().startsWith("kube-worker-1: "), running.failedNode());
    assertTrue(running.failedNode().contains("kubeadm upgrade node failed"), running.failedNode());
    env.sleep(Duration.ofHours(1)); // the run waits for the operator, however long
    assertEquals(Phase.UPGRADE_WORKERS, running.phase().phase());
    assertTrue(
        !fakes.upgrades.contains("kube-worker-2") && !fakes.upgrades.contains("kube-worker-3"),
        "the other workers stay untouched: " + fakes.upgrades);
    java.util.Map<String, String> states = new java.util.TreeMap<>();
    running.hosts().forEach(h -> states.put(h.host(), h.state()));
    assertEquals(
        java.util.Map.of(
            "kube-master-1",
            "done",
            "kube-master-2",
            "done",
            "kube-master-3",
            "done",
            "kube-worker-1",
            "failed",
            "kube-worker-2",
            "waiting",
            "kube-worker-3",
            "waiting"),
        states,
        "each node's state in the hosts query");
    running.retryNode("test");
    UpgradeResult result = WorkflowStub.fromTyped(run).getResult(UpgradeResult.class);
    assertEquals(inv.nodes().size(), result.upgraded().size(), result.upgraded().toString());
    assertEquals(2, fakes.attempts.get("kube-worker-1").get(), "the failed node ran again once");
    assertEquals(1, fakes.attempts.get("kube-worker-2").get());
  }

  @Test
  void retryIsRefusedUnlessTheRollStoppedAtANode() {
    fakes.holdInspect = true;
    ClusterUpgrade run = newRun();
    WorkflowClient.start(run::run, new UpgradeInput(inv, 1, 60, true));
    assertThrows(
        io.temporal.client.WorkflowUpdateException.class, () -> running().retryNode("test"));
    fakes.holdInspect = false;
    WorkflowStub.fromTyped(run).getResult(UpgradeResult.class);
  }

  @Test
  void aJumpOfTwoMinorsIsRefusedNamingThePath() {
    fakes.kubelet = "v1.35.4";
    ClusterUpgrade run = newRun();
    WorkflowClient.start(run::run, new UpgradeInput(inv, 1, 60, true));
    var failure =
        assertThrows(
            io.temporal.client.WorkflowFailedException.class,
            () -> WorkflowStub.fromTyped(run).getResult(UpgradeResult.class));
    String chain = String.valueOf(failure.getCause().getMessage()) + failure.getCause().getCause();
    assertTrue(chain.contains("one minor version at a time: upgrade to 1.36 first"), chain);
    assertEquals(0, fakes.upgrades.size());
  }

  private ClusterUpgrade newRun() {
    return env.getWorkflowClient()
        .newWorkflowStub(ClusterUpgrade.class, BringUpOptions.operation(inv.clusterName(), "t"));
  }

  private ClusterUpgrade running() {
    return env.getWorkflowClient()
        .newWorkflowStub(ClusterUpgrade.class, WorkflowIds.cluster(inv.clusterName()));
  }

  /**
   * Activities that record the upgrade's order and can fail one node's kubeadm upgrade once;
   * removals succeed.
   */
  static final class Fakes implements HostActivities, NodeRemovalActivities, NodeUpgradeActivities {
    final List<String> upgrades = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<String, String> kind = new ConcurrentHashMap<>();
    final Map<String, String> pulled = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** "upgrade host" and, for nginx on HA-LB-A, the host addresses it proxies to. */
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    final AtomicInteger workersNow = new AtomicInteger();
    final AtomicInteger maxConcurrentWorkers = new AtomicInteger();
    volatile String kubelet = "v1.36.3";
    volatile boolean holdInspect;

    @Override
    public ClusterState inspectCluster(InspectClusterInput input) {
      while (holdInspect) {
        try {
          Thread.sleep(10); // the fake's own wait for the test to let go
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      List<ClusterState.NodeState> nodes =
          List.of(
                  "kube-master-1",
                  "kube-master-2",
                  "kube-master-3",
                  "kube-worker-1",
                  "kube-worker-2",
                  "kube-worker-3")
              .stream()
              .map(n -> new ClusterState.NodeState(n, true, false, kubelet))
              .toList();
      return new ClusterState(
          nodes,
          input.controlPlanes().stream()
              .map(m -> new ClusterState.EtcdMember(m.host(), true))
              .toList());
    }

    @Override
    public String upgradePlan(UpgradeNodeInput input) {
      return "plan for " + input.version();
    }

    @Override
    public StepResult drainNode(NodeChangeInput input) {
      if (!input.controlPlane()) {
        maxConcurrentWorkers.accumulateAndGet(workersNow.incrementAndGet(), Math::max);
      }
      return new StepResult(input.node().host(), "drain", true, List.of(), 1);
    }

    @Override
    public StepResult kubeadmUpgrade(UpgradeNodeInput input) {
      String host = input.node().host();
      attempts.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      if (failOnce.remove(host)) {
        if (!input.controlPlane()) {
          workersNow.decrementAndGet();
        }
        throw ApplicationFailure.newNonRetryableFailure(
            "kubeadm upgrade node failed: test", "CommandFailed");
      }
      if (!upgrades.contains(host)) {
        upgrades.add(host);
      }
      events.add("upgrade " + host);
      kind.put(host, input.first() ? "apply" : "node");
      return new StepResult(host, "kubeadm-upgrade", true, List.of(), 1);
    }

    @Override
    public StepResult restartKubelet(UpgradeNodeInput input) {
      return new StepResult(input.node().host(), "kubelet-restart", true, List.of(), 1);
    }

    @Override
    public StepResult uncordonNode(UpgradeNodeInput input) {
      if (!input.controlPlane()) {
        workersNow.decrementAndGet();
      }
      return new StepResult(input.node().host(), "uncordon", true, List.of(), 1);
    }

    @Override
    public StepResult applyStep(ApplyStepInput input) {
      if (input.step().id().endsWith("-images")) {
        pulled.put(input.target().host(), input.step().id());
      }
      if (input.step().id().equals("nginx") && input.target().host().equals("HA-LB-A")) {
        events.add("upstreams " + input.step().files().get(0).content());
      }
      return new StepResult(input.target().host(), input.step().id(), true, List.of(), 1);
    }

    /** The events naming control planes, the nginx config's upstreams by their hosts' names. */
    List<String> controlPlaneEvents(Inventory inv) {
      List<HostSpec> masters = inv.controlPlanes();
      return events.stream()
          .map(
              e ->
                  e.startsWith("upstreams ")
                      ? "upstreams "
                          + masters.stream()
                              .filter(m -> e.contains(m.address() + ":"))
                              .map(HostSpec::name)
                              .toList()
                      : e)
          .filter(e -> e.startsWith("upstreams ") || e.contains("master"))
          .toList();
    }

    @Override
    public HostFacts inspectHost(InspectHostInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult resetNode(NodeChangeInput input) {
      return new StepResult(input.node().host(), "kubeadm-reset", true, List.of(), 1);
    }

    @Override
    public StepResult removeEtcdMember(NodeChangeInput input) {
      return new StepResult(input.node().host(), "etcd-member", true, List.of(), 1);
    }

    @Override
    public StepResult deleteNode(NodeChangeInput input) {
      return new StepResult(input.node().host(), "delete-node", true, List.of(), 1);
    }
  }
}
