package io.kubeha.workflow;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Activities that touch nothing: they record each call in start order, can fail on script, and feed
 * concurrency probes. Facts are healthy unless a test overrides a host's.
 */
final class FakeActivities implements HostActivities, ClusterActivities {

  /** One activity call: its phase, host and what (step id or activity). */
  record Call(Phase phase, String host, String what) {}

  private final Plan plan;
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<RuntimeException>> failures = new ConcurrentHashMap<>();
  private final Map<String, HostFacts> facts = new ConcurrentHashMap<>();
  private final Map<String, JoinInput> joinInputs = new ConcurrentHashMap<>();
  volatile ConcurrencyProbe prepHosts = ConcurrencyProbe.untilAtOnce(1, 0);
  volatile ConcurrencyProbe controlPlaneJoins = ConcurrencyProbe.untilAtOnce(1, 0);
  volatile ConcurrencyProbe joinPrepares = ConcurrencyProbe.untilAtOnce(1, 0);
  volatile ConcurrencyProbe workerJoins = ConcurrencyProbe.untilAtOnce(1, 0);
  volatile List<String> verifyProblems = List.of();
  volatile Consumer<Call> onCall = c -> {};
  volatile CountDownLatch inspectStarted = new CountDownLatch(0);
  volatile CountDownLatch inspectMayFinish = new CountDownLatch(0);

  FakeActivities(Plan plan) {
    this.plan = plan;
  }

  /** The next calls of this host's step (or activity name) throw these, in order. */
  void failNext(String host, String what, RuntimeException... errors) {
    failures.computeIfAbsent(host + "/" + what, k -> new ArrayDeque<>()).addAll(List.of(errors));
  }

  void facts(HostFacts f) {
    facts.put(f.host(), f);
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  long count(String host, String what) {
    return calls().stream().filter(c -> c.host().equals(host) && c.what().equals(what)).count();
  }

  /** The input of the host's last join. */
  JoinInput joinInput(String host) {
    return joinInputs.get(host);
  }

  static HostFacts healthy(String host, int n) {
    return new HostFacts(
        host,
        "ubuntu-24.04",
        "amd64",
        host,
        List.of(String.format("52:54:00:00:00:%02x", n)),
        "uuid-" + host,
        4,
        8192,
        1_700_000_000_000L,
        List.of(),
        true,
        false);
  }

  @Override
  public HostFacts inspectHost(InspectHostInput input) {
    String host = input.target().host();
    record(Phase.PREFLIGHT, host, "inspect");
    inspectStarted.countDown();
    await(inspectMayFinish);
    return facts.getOrDefault(
        host, healthy(host, plan.hosts().indexOf(plan.host(host).orElseThrow())));
  }

  @Override
  public StepResult applyStep(ApplyStepInput input) {
    String host = input.target().host();
    Step step = input.step();
    record(step.phase(), host, step.id());
    List<Step> prep = plan.steps(host, Phase.PREPARE_NODES);
    boolean firstPrep = step.phase() == Phase.PREPARE_NODES && step.equals(prep.get(0));
    boolean lastPrep =
        step.phase() == Phase.PREPARE_NODES && step.equals(prep.get(prep.size() - 1));
    if (firstPrep) {
      prepHosts.enter();
    }
    if (lastPrep) {
      prepHosts.exit();
    }
    return new StepResult(host, step.id(), true, List.of(step.id()), 1);
  }

  @Override
  public InitResult initFirstControlPlane(InitInput input) {
    record(Phase.INIT_FIRST_CONTROL_PLANE, input.firstMaster().host(), input.initStep().id());
    return new InitResult(false, input.adminConfPath(), 1);
  }

  @Override
  public StepResult installCni(InstallCniInput input) {
    record(Phase.INSTALL_CNI, input.firstMaster().host(), input.cniStep().id());
    return new StepResult(
        input.firstMaster().host(), input.cniStep().id(), true, List.of("cni"), 1);
  }

  @Override
  public JoinResult joinNode(JoinInput input) {
    String host = input.joining().host();
    Phase phase = input.controlPlane() ? Phase.JOIN_CONTROL_PLANES : Phase.JOIN_WORKERS;
    ConcurrencyProbe probe = input.controlPlane() ? controlPlaneJoins : workerJoins;
    joinInputs.put(host, input);
    probe.enter();
    try {
      record(phase, host, input.joinStep().id());
      return new JoinResult(host, false, 1);
    } finally {
      probe.exit();
    }
  }

  @Override
  public JoinResult prepareControlPlaneJoin(JoinInput input) {
    String host = input.joining().host();
    joinPrepares.enter();
    try {
      record(Phase.PREPARE_CONTROL_PLANE_JOINS, host, input.prepareStep().id());
      return new JoinResult(host, false, 1);
    } finally {
      joinPrepares.exit();
    }
  }

  @Override
  public VerifyReport verifyCluster(VerifyInput input) {
    record(Phase.VERIFY_CLUSTER, input.firstMaster().host(), "verify");
    return new VerifyReport(
        verifyProblems.isEmpty(),
        input.expectedNodes(),
        input.controlPlanes(),
        input.loadBalancers().isEmpty() ? null : input.loadBalancers().get(0).host(),
        true,
        "not asked",
        verifyProblems);
  }

  /** Records the call, lets the test look at the run, then fails if the script says so. */
  private void record(Phase phase, String host, String what) {
    Call call = new Call(phase, host, what);
    synchronized (calls) {
      calls.add(call);
    }
    onCall.accept(call);
    Deque<RuntimeException> scripted = failures.get(host + "/" + what);
    RuntimeException next = scripted == null ? null : scripted.poll();
    if (next != null) {
      throw next;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
