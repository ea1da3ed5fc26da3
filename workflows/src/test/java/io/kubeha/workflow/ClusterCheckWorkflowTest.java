package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CheckPod;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.activity.WorkloadActivities;
import io.kubeha.activity.WorkloadCheckInput;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.check.CheckInput;
import io.kubeha.workflow.check.CheckResult;
import io.kubeha.workflow.check.ClusterCheck;
import io.kubeha.workflow.check.ClusterCheckImpl;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The check's order, its input to the workload activity, and how probes decide it, on fakes. */
@Timeout(60)
class ClusterCheckWorkflowTest {
  private final Inventory inv = TestInventories.ha(10);
  private final Fakes fakes = new Fakes();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = DayTwoEnvironment.start(fakes, ClusterCheckImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aCheckVerifiesThenProbesTheWorkloadFromEveryNode() {
    CheckResult result = check(new CheckInput(inv, CheckWorkload.DEFAULT_IMAGE, false));
    assertEquals(List.of("verify kube-master-1", "workload kube-master-1"), fakes.calls);
    WorkloadCheckInput input = fakes.workloadInput;
    assertEquals(
        inv.nodes().stream().map(HostSpec::name).toList(),
        input.nodes().stream().map(n -> n.host()).toList(),
        "every control plane and worker, not the load balancers");
    assertEquals("kubeha-check.kubeha-check.svc.cluster.local", input.serviceDnsName());
    assertEquals(3, input.replicas());
    assertTrue(input.manifest().contains("image: " + CheckWorkload.DEFAULT_IMAGE));
    assertEquals(false, input.keep());
    assertEquals(fakes.answer, result.workload());
    assertTrue(result.verified().ok());
    assertEquals(
        List.of(Phase.VERIFY_CLUSTER, Phase.CHECK_WORKLOAD),
        result.phases().stream().map(PhaseOutcome::phase).toList());
  }

  @Test
  void aFailedProbeFailsTheRunNamingItWithEveryProbeInItsDetails() {
    fakes.answer =
        answer(
            new WorkloadProbe("ClusterIP 10.96.4.2:80", "kube-worker-1", true, "kubeha-check-a"),
            new WorkloadProbe(
                "NodePort 198.18.0.22:31234",
                "kube-worker-2",
                false,
                "curl: (7) Failed to connect"));
    ApplicationFailure failure = failure(new CheckInput(inv, CheckWorkload.DEFAULT_IMAGE, true));
    assertEquals(CheckResult.PROBES_FAILED, failure.getType());
    assertTrue(
        failure
            .getOriginalMessage()
            .contains(
                "1 of 2 probes failed: NodePort 198.18.0.22:31234 from kube-worker-2: curl: (7)"
                    + " Failed to connect"),
        failure.getOriginalMessage());
    assertEquals(fakes.answer, failure.getDetails().get(WorkloadCheckResult.class));
    assertEquals(true, fakes.workloadInput.keep());
  }

  @Test
  void anUnhealthyClusterFailsBeforeAnyWorkloadRuns() {
    fakes.verifyProblems = List.of("node kube-worker-3 is not Ready");
    ApplicationFailure failure = failure(new CheckInput(inv, CheckWorkload.DEFAULT_IMAGE, false));
    assertTrue(
        failure.getOriginalMessage().contains("node kube-worker-3 is not Ready"),
        failure.getOriginalMessage());
    assertEquals(List.of("verify kube-master-1"), fakes.calls);
  }

  @Test
  void aBadImageIsRefusedBeforeAnythingRuns() {
    ApplicationFailure failure =
        failure(new CheckInput(inv, "registry.k8s.io/agnhost:1\n  command: [sh]", false));
    assertEquals(ClusterCheckImpl.INVALID_IMAGE, failure.getType());
    assertTrue(
        failure.getOriginalMessage().contains("not a pinned image reference"),
        failure.getOriginalMessage());
    assertEquals(List.of(), fakes.calls);
  }

  private CheckResult check(CheckInput input) {
    return stub().run(input);
  }

  /** The failure the check raised: the innermost ApplicationFailure, below the phase's. */
  private ApplicationFailure failure(CheckInput input) {
    try {
      stub().run(input);
      throw new AssertionError("the check did not fail");
    } catch (WorkflowFailedException e) {
      ApplicationFailure innermost = null;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ApplicationFailure app) {
          innermost = app;
        }
      }
      assertTrue(innermost != null, "no ApplicationFailure in " + e);
      return innermost;
    }
  }

  private ClusterCheck stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ClusterCheck.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("check-test-" + System.nanoTime())
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
  }

  private static WorkloadCheckResult answer(WorkloadProbe... probes) {
    return new WorkloadCheckResult(
        List.of(
            new CheckPod("kubeha-check-a", "10.244.1.2", "kube-worker-1"),
            new CheckPod("kubeha-check-b", "10.244.2.2", "kube-worker-2"),
            new CheckPod("kubeha-check-c", "10.244.3.2", "kube-worker-3")),
        "10.96.4.2",
        31234,
        List.of(probes),
        false);
  }

  /** A cluster that verifies (unless told otherwise) and a workload that answers as told. */
  static final class Fakes implements ClusterActivities, WorkloadActivities {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile List<String> verifyProblems = List.of();
    volatile WorkloadCheckResult answer =
        answer(
            new WorkloadProbe("ClusterIP 10.96.4.2:80", "kube-worker-1", true, "kubeha-check-a"));
    volatile WorkloadCheckInput workloadInput;

    @Override
    public VerifyReport verifyCluster(VerifyInput input) {
      calls.add("verify " + input.firstMaster().host());
      return new VerifyReport(
          verifyProblems.isEmpty(),
          input.expectedNodes(),
          input.controlPlanes(),
          null,
          true,
          null,
          verifyProblems);
    }

    @Override
    public WorkloadCheckResult checkWorkload(WorkloadCheckInput input) {
      calls.add("workload " + input.firstMaster().host());
      workloadInput = input;
      return answer;
    }

    @Override
    public InitResult initFirstControlPlane(InitInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult installCni(InstallCniInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JoinResult joinNode(JoinInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public JoinResult prepareControlPlaneJoin(JoinInput input) {
      throw new UnsupportedOperationException();
    }
  }
}
