package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostGroupImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.SearchAttributeKeys;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** A time-skipping test service with a worker running the workflows on fake activities. */
final class BringUpHarness implements AutoCloseable {
  static final String ADMIN_CONF = "/lab/out/admin.conf";

  final Inventory inventory;
  final Plan plan;
  final TestWorkflowEnvironment env;
  final FakeActivities fakes;

  /** A run of more hosts than this runs its workers in groups (null: the workflow's default). */
  Integer groupHostsAbove;

  BringUpHarness(Inventory inventory) {
    this.inventory = inventory;
    this.plan = PlanRenderer.render(inventory);
    this.env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute(
                    SearchAttributeKeys.KUBEHA_PHASE.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    this.fakes = new FakeActivities(plan);
    Worker worker = env.newWorker(TaskQueues.KUBEHA);
    worker.registerWorkflowImplementationTypes(
        ClusterBringUpImpl.class, HostPrepImpl.class, HostGroupImpl.class);
    worker.registerActivitiesImplementations(fakes, new ParentRun(env.getWorkflowClient()));
    env.start();
  }

  WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** A stub for a new run of this inventory's cluster. */
  ClusterBringUp newRun() {
    return client()
        .newWorkflowStub(ClusterBringUp.class, BringUpOptions.of(inventory.clusterName()));
  }

  /** A stub bound to the running bring-up, for queries, updates and signals. */
  ClusterBringUp running() {
    return client()
        .newWorkflowStub(ClusterBringUp.class, WorkflowIds.cluster(inventory.clusterName()));
  }

  BringUpInput input(boolean autoApprove) {
    return new BringUpInput(inventory, ADMIN_CONF, autoApprove, false, true, groupHostsAbove);
  }

  BringUpResult runToEnd(boolean autoApprove) {
    return newRun().run(input(autoApprove));
  }

  /** A run phase by phase (phase-list version 1), approved beforehand. */
  BringUpResult runPhaseByPhase() {
    return newRun().run(new BringUpInput(inventory, ADMIN_CONF, true, false, false));
  }

  /** Starts a run and returns its untyped stub, to wait for its result later. */
  WorkflowStub start(boolean autoApprove) {
    ClusterBringUp stub = newRun();
    WorkflowClient.start(stub::run, input(autoApprove));
    return WorkflowStub.fromTyped(stub);
  }

  /** Polls the condition until it holds or the deadline passes (then fails naming it). */
  static void waitUntil(String what, Duration deadline, BooleanSupplier condition) {
    Instant end = Instant.now().plus(deadline);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out after " + deadline + " waiting until " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
