package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.HostActivities;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.NodeUpgradeActivities;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.ClusterRemoveNodesImpl;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.removal.RemovalResult;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.reset.ClusterResetImpl;
import io.kubeha.workflow.reset.ResetInput;
import io.kubeha.workflow.reset.ResetResult;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.ClusterUpgradeImpl;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.kubeha.workflow.upgrade.UpgradeResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reset and removal started directly through the SDK (no CLI, no prompt) touch no host until an
 * approval naming the cluster arrives at their gate; a wrong or missing name is refused by the
 * update's validator and leaves nothing in history.
 */
@Timeout(60)
class DestructiveGateTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private final Inventory inv = TestInventories.ha(10);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        DayTwoEnvironment.start(
            recording(new RollingUpgradeWorkflowTest.Fakes()),
            ClusterResetImpl.class,
            ClusterRemoveNodesImpl.class,
            ClusterUpgradeImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aResetWaitsAtItsGateTouchingNoHostRefusesAWrongNameAndResetsOnTheRightOne() {
    ClusterReset run = newRun(ClusterReset.class);
    WorkflowClient.start(run::run, new ResetInput(inv));
    waitUntil("the reset waits at its gate", DEADLINE, () -> run.phase().waitingForApproval());
    env.sleep(Duration.ofDays(1)); // however long it takes
    assertEquals(Phase.AWAIT_RESET_APPROVAL, run.phase().phase());
    String plan = run.resetPlan();
    assertTrue(plan.startsWith("Resetting cluster lab-a: every workload"), plan);
    assertTrue(plan.contains("kube-worker-3: kubeadm reset"), plan);

    refused(
        () -> run.approveReset(new ApprovalRequest("mallory", "lab-b")), "names cluster 'lab-b'");
    refused(() -> run.approveReset(new ApprovalRequest("mallory", null)), "must name the cluster");
    // What an older client sends: the approver alone.
    refused(
        () -> WorkflowStub.fromTyped(run).update(ClusterReset.APPROVE_RESET, String.class, "old"),
        "must name the cluster");
    assertEquals(List.of(), calls, "no host touched before the approval");
    assertEquals(0, acceptedUpdates(), "a refused approval leaves no update in history");

    assertEquals("alice", run.approveReset(new ApprovalRequest("alice", "lab-a")));
    ResetResult result = WorkflowStub.fromTyped(run).getResult(ResetResult.class);
    assertEquals(names(inv.nodes()), result.reset());
    assertEquals(inv.nodes().size(), calls.stream().filter(c -> c.equals("resetNode")).count());
    assertEquals(1, acceptedUpdates());
  }

  @Test
  void aRemovalChecksNothingBeforeItsGateAndRemovesOnlyOnceApprovedWithTheClustersName() {
    ClusterRemoveNodes run = newRun(ClusterRemoveNodes.class);
    WorkflowClient.start(run::run, new RemovalInput(inv, List.of("kube-worker-3"), 60));
    waitUntil("the removal waits at its gate", DEADLINE, () -> run.phase().waitingForApproval());
    assertEquals(Phase.AWAIT_REMOVAL_APPROVAL, run.phase().phase());
    String plan = run.removalPlan();
    assertTrue(plan.contains("kube-worker-3 ("), plan);
    assertTrue(plan.contains("cordon, drain (at most 60 s), kubeadm reset"), plan);

    refused(
        () -> run.approveRemoval(new ApprovalRequest("mallory", "lab-a ")),
        "names cluster 'lab-a '");
    assertEquals(List.of(), calls, "not even the cluster inspected before the approval");
    assertEquals(0, acceptedUpdates());

    run.approveRemoval(new ApprovalRequest("alice", "lab-a"));
    RemovalResult result = WorkflowStub.fromTyped(run).getResult(RemovalResult.class);
    assertEquals(List.of("kube-worker-3"), result.removed());
    assertTrue(calls.contains("inspectCluster") && calls.contains("resetNode"), calls.toString());
  }

  @Test
  void aResetOrRemovalCancelledAtItsGateTouchesNothing() {
    ClusterReset reset = newRun(ClusterReset.class);
    WorkflowClient.start(reset::run, new ResetInput(inv));
    waitUntil("the reset waits at its gate", DEADLINE, () -> reset.phase().waitingForApproval());
    endsCancelled(WorkflowStub.fromTyped(reset));

    ClusterRemoveNodes removal = newRun(ClusterRemoveNodes.class);
    WorkflowClient.start(removal::run, new RemovalInput(inv, List.of("kube-master-3"), 60));
    waitUntil(
        "the removal waits at its gate", DEADLINE, () -> removal.phase().waitingForApproval());
    endsCancelled(WorkflowStub.fromTyped(removal));
    assertEquals(List.of(), calls, "nothing touched");
  }

  @Test
  void anUpgradesGateRefusesAnotherClustersNameToo() {
    ClusterUpgrade run = newRun(ClusterUpgrade.class);
    WorkflowClient.start(run::run, new UpgradeInput(inv, 1, 60, false));
    waitUntil("the upgrade waits at its gate", DEADLINE, () -> run.phase().waitingForApproval());
    refused(() -> run.approveUpgrade(new ApprovalRequest("mallory", "lab-b")), "'lab-b'");
    assertTrue(calls.stream().noneMatch(c -> c.equals("kubeadmUpgrade")), calls.toString());
    run.approveUpgrade(new ApprovalRequest("alice", "lab-a"));
    WorkflowStub.fromTyped(run).getResult(UpgradeResult.class);
    assertEquals(1, acceptedUpdates());
  }

  private <W> W newRun(Class<W> type) {
    return env.getWorkflowClient()
        .newWorkflowStub(type, BringUpOptions.operation(inv.clusterName(), "test"));
  }

  private static void refused(Runnable approval, String because) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, approval::run);
    String message = FailureText.of(e);
    assertTrue(message.contains(because), message);
  }

  private static void endsCancelled(WorkflowStub stub) {
    stub.cancel();
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub.getResult(Object.class));
    assertTrue(e.getCause() instanceof CanceledFailure, FailureText.of(e));
  }

  /** The updates the cluster's current run accepted, read from its history. */
  private long acceptedUpdates() {
    return env
        .getWorkflowClient()
        .fetchHistory(WorkflowIds.cluster(inv.clusterName()))
        .getEvents()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .count();
  }

  private static List<String> names(List<HostSpec> hosts) {
    return hosts.stream().map(HostSpec::name).toList();
  }

  /** The fakes, each activity call's method name recorded first. */
  private Object recording(Object fakes) {
    return Proxy.newProxyInstance(
        getClass().getClassLoader(),
        new Class<?>[] {
          HostActivities.class, NodeRemovalActivities.class, NodeUpgradeActivities.class
        },
        (proxy, method, args) -> {
          calls.add(method.getName());
          try {
            return method.invoke(fakes, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
