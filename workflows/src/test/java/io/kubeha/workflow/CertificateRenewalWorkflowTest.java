package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CertificateActivities;
import io.kubeha.activity.CertificateExpiry;
import io.kubeha.activity.RenewCertificatesInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.CertificatesResult;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.certs.ClusterCertificatesImpl;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.NodeStates;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The certificate workflow's choice of nodes, their order and one-at-a-time restarts, on fake
 * activities.
 */
@Timeout(60)
class CertificateRenewalWorkflowTest {
  private static final long DAY = 86_400;
  private final Inventory inv = TestInventories.ha(10);
  private final List<String> masters = inv.controlPlanes().stream().map(HostSpec::name).toList();
  private final Fakes fakes = new Fakes();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = DayTwoEnvironment.start(fakes, ClusterCertificatesImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aCheckReadsEveryControlPlaneAndChangesNothing() {
    CertificatesResult result = run(CertificatesInput.check(inv));
    assertEquals(
        masters,
        result.before().stream().map(CertificateExpiry::host).distinct().sorted().toList());
    assertEquals(List.of(), result.renewed());
    assertEquals(List.of(), fakes.calls, "no renewal, no restart");
    assertTrue(result.phases().get(1).skipped(), "the renewal phase is skipped");
  }

  @Test
  void renewsOnlyTheDueControlPlanesOneAtATimeThenRefreshesTheKubeconfig() {
    fakes.residualDays.put(masters.get(0), 20L);
    fakes.residualDays.put(masters.get(2), 10L);
    CertificatesResult result = run(CertificatesInput.renewal(inv, "/tmp/admin.conf", 30 * DAY));
    List<String> due = List.of(masters.get(0), masters.get(2));
    assertEquals(due, result.renewed());
    List<String> lbCalls = fakes.calls.stream().filter(c -> c.startsWith("lb ")).toList();
    assertEquals(
        List.of(
            "lb HA-LB-A: m2,m3",
            "lb HA-LB-A: m1,m2,m3",
            "lb HA-LB-A: m1,m2",
            "lb HA-LB-A: m1,m2,m3"),
        lbCalls.stream().filter(c -> c.startsWith("lb HA-LB-A")).toList(),
        "each renewed node leaves the upstreams, then comes back");
    assertEquals(8, lbCalls.size(), "both LBs, twice per renewed node: " + lbCalls);
    List<String> node = fakes.calls.stream().filter(c -> !c.startsWith("lb ")).toList();
    assertEquals(
        List.of(
            "renew " + due.get(0),
            "restart " + due.get(0),
            "renew " + due.get(1),
            "restart " + due.get(1),
            "save " + due.get(1)),
        node,
        "renew then restart, node by node, then admin.conf from the last");
    int firstRenew = fakes.calls.indexOf("renew " + due.get(0));
    int restarted = fakes.calls.indexOf("restart " + due.get(0));
    assertTrue(
        fakes.calls.subList(0, firstRenew).contains("lb HA-LB-B: m2,m3"),
        "out of both LBs before: " + fakes.calls);
    assertTrue(
        fakes.calls.subList(restarted, fakes.calls.size()).contains("lb HA-LB-B: m1,m2,m3"),
        "back in after its restart: " + fakes.calls);
    assertEquals(1, fakes.maxRestarting.get(), "never two control planes restarting at once");
    assertTrue(
        result.after().stream().noneMatch(c -> c.dueWithin(30 * DAY)),
        "the new check sees nothing due");
  }

  @Test
  void showsEachControlPlanesStateAndStopsAtAFailedRenewal() {
    fakes.residualDays.put(masters.get(0), 5L);
    fakes.residualDays.put(masters.get(1), 5L);
    fakes.failRenewOn = masters.get(0);
    ClusterCertificates run = newRun();
    WorkflowClient.start(run::run, CertificatesInput.renewal(inv, null, 30 * DAY));
    ClusterCertificates running =
        env.getWorkflowClient().newWorkflowStub(ClusterCertificates.class, "certs-test");
    WorkflowStub untyped = WorkflowStub.fromTyped(run);
    assertTrue(
        assertFails(untyped).contains(masters.get(0) + ": step certs-renew"),
        "the failure names host and step");
    Map<String, String> states = new java.util.HashMap<>();
    running.hosts().forEach(h -> states.put(h.host(), h.state()));
    assertEquals(Phase.FAILED, running.phase().phase());
    assertEquals(NodeStates.RENEWING, states.get(masters.get(0)), "stopped while renewing");
    assertEquals(NodeStates.WAITING, states.get(masters.get(1)), "due, not reached");
    assertEquals(NodeStates.DONE, states.get(masters.get(2)), "nothing due");
    assertEquals(
        List.of(),
        fakes.calls.stream().filter(c -> c.startsWith("restart")).toList(),
        "nothing restarted");
    List<String> lbCalls = fakes.calls.stream().filter(c -> c.startsWith("lb HA-LB-A")).toList();
    assertEquals(
        List.of("lb HA-LB-A: m2,m3", "lb HA-LB-A: m1,m2,m3"),
        lbCalls,
        "out of the upstreams for its renewal, back in after it failed");
  }

  private String assertFails(WorkflowStub untyped) {
    try {
      untyped.getResult(CertificatesResult.class);
    } catch (io.temporal.client.WorkflowFailedException e) {
      return FailureText.of(e);
    }
    throw new AssertionError("the renewal did not fail");
  }

  private CertificatesResult run(CertificatesInput input) {
    ClusterCertificates run = newRun();
    WorkflowClient.start(run::run, input);
    return WorkflowStub.fromTyped(run).getResult(CertificatesResult.class);
  }

  private ClusterCertificates newRun() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ClusterCertificates.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("certs-test")
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
  }

  /**
   * Certificates one year out unless residualDays says otherwise; a renewal sets them to a year
   * again.
   */
  static final class Fakes implements CertificateActivities, io.kubeha.activity.HostActivities {
    final Map<String, Long> residualDays = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger restarting = new AtomicInteger();
    final AtomicInteger maxRestarting = new AtomicInteger();
    volatile String failRenewOn;

    @Override
    public List<CertificateExpiry> checkExpiration(SshTarget node) {
      long residual = residualDays.getOrDefault(node.host(), 365L) * DAY;
      return List.of(
          new CertificateExpiry(
              node.host(), "ca", true, "2036-12-01T00:00:00Z", 3650 * DAY, "", false, false),
          new CertificateExpiry(
              node.host(),
              "apiserver",
              false,
              "2027-12-01T00:00:00Z",
              residual,
              "ca",
              false,
              false),
          new CertificateExpiry(
              node.host(),
              "front-proxy-client",
              false,
              "2027-12-01T00:00:00Z",
              365 * DAY,
              "front-proxy-ca",
              false,
              false));
    }

    @Override
    public StepResult renewCertificates(RenewCertificatesInput input) {
      String host = input.node().host();
      if (host.equals(failRenewOn)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "kubeadm certs renew all exited 1", "CommandFailed");
      }
      calls.add("renew " + host);
      residualDays.put(host, 365L);
      return new StepResult(host, "renew", true, List.of("renew"), 1);
    }

    @Override
    public StepResult restartControlPlane(RenewCertificatesInput input) {
      maxRestarting.accumulateAndGet(restarting.incrementAndGet(), Math::max);
      calls.add("restart " + input.node().host());
      restarting.decrementAndGet();
      return new StepResult(input.node().host(), "restart", true, List.of("restart"), 1);
    }

    @Override
    public void saveAdminConf(SshTarget node, String adminConfPath) {
      calls.add("save " + node.host());
    }

    /** nginx on a load balancer: recorded as the masters it proxies to, "lb HOST: m1,m3". */
    @Override
    public StepResult applyStep(io.kubeha.activity.ApplyStepInput input) {
      String config = input.step().files().get(0).content();
      List<String> upstreams = new ArrayList<>();
      for (String m : List.of("198.18.0.11", "198.18.0.12", "198.18.0.13")) {
        if (config.contains(m + ":6443")) {
          upstreams.add("m" + m.substring(m.length() - 1));
        }
      }
      calls.add("lb " + input.target().host() + ": " + String.join(",", upstreams));
      return new StepResult(input.target().host(), input.step().id(), true, List.of("nginx"), 1);
    }

    @Override
    public io.kubeha.activity.HostFacts inspectHost(io.kubeha.activity.InspectHostInput input) {
      throw new UnsupportedOperationException();
    }
  }
}
