package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.kubeha.workflow.upgrade.UpgradeResult;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The stack's server authorizes by the client certificate's subject (tls/roles.yaml): the viewer
 * lists, describes and queries, and is refused a history, the inventory and every change; a
 * certificate of the stack's CA with no role may only connect; the operator may do all, but an
 * update or approval must carry its certificate's CN. Every refusal checked is the server's
 * PERMISSION_DENIED, through the Java SDK and the real temporal CLI ("Request unauthorized."). The
 * runs are GateOnlyUpgrade probes (kubeha's real approval gate, nothing on a host) on a task queue
 * of this test's own worker.
 */
class StackAuthTest {
  private static final String QUEUE = "authz-probe";
  private static final String UNAUTHORIZED = "Request unauthorized";
  private static final AtomicInteger PROBES = new AtomicInteger();

  @RegisterExtension static final TlsStack tls = new TlsStack();

  private static TemporalSecurity operator;
  private static TemporalSecurity viewer;
  private static TemporalSecurity stranger;
  private static WorkflowServiceStubs workerService;
  private static WorkerFactory workers;
  private final List<WorkflowServiceStubs> opened = new ArrayList<>();

  @BeforeAll
  static void probeWorker() throws Exception {
    operator = tls.stack.security();
    viewer = tls.stack.security("viewer");
    Path tlsDir = tls.stack.tls();
    stranger =
        TestCertificates.issuedBy(
                tls.dir.resolve("stranger"),
                tlsDir.resolve("ca.pem"),
                tlsDir.resolve("ca.key"),
                "stranger")
            .clientOf(tls.ca());
    workerService = tls.stubs(operator);
    workers =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(
                workerService, WorkflowClientOptions.newBuilder().setNamespace("default").build()));
    workers.newWorker(QUEUE).registerWorkflowImplementationTypes(GateOnlyUpgrade.class);
    workers.start();
  }

  @AfterAll
  static void stopWorker() {
    if (workers != null) {
      workers.shutdownNow();
      workerService.shutdownNow();
    }
  }

  @AfterEach
  void closeClients() {
    opened.forEach(WorkflowServiceStubs::shutdownNow);
  }

  @Test
  void theViewerListsDescribesAndQueries() {
    String cluster = startProbe();
    String id = WorkflowIds.cluster(cluster);
    WorkflowClient v = client(viewer, "viewer");
    TestTemporal.waitUntil(
        "the viewer lists the probe",
        TlsStack.DEADLINE,
        () -> v.listExecutions("WorkflowId = '" + id + "'").count() == 1);
    assertEquals(
        WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
        v.newUntypedWorkflowStub(id).describe().getStatus());
    assertTrue(upgrade(v, cluster).phase().waitingForApproval());
    assertEquals("the probe's plan: nothing to upgrade", upgrade(v, cluster).upgradePlan());

    assertOk(tls.temporal(viewer, "workflow", "list", "--query", "WorkflowId = '" + id + "'"), id);
    assertOk(tls.temporal(viewer, "workflow", "describe", "-w", id), id);
    assertOk(
        tls.temporal(viewer, "workflow", "query", "-w", id, "--name", "phase"),
        "waitingForApproval");
    Cli list = Cli.run(viewerKubeha("list"));
    assertEquals(ExitCodes.OK, list.exitCode(), list.err());
  }

  @Test
  void theViewerCannotReadAHistoryNorQueryTheInventory() {
    String id = WorkflowIds.cluster(startProbe());
    WorkflowServiceStubs service = stubs(viewer);
    refused(
        "the viewer's GetWorkflowExecutionHistory",
        () ->
            service
                .blockingStub()
                .getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                        .build()));
    refused(
        "the viewer's fetchHistory", () -> client(viewer, "viewer").fetchHistory(id).getEvents());
    refused(
        "the viewer's inventory query",
        () -> client(viewer, "viewer").newUntypedWorkflowStub(id).query("inventory", Object.class));
    cliRefused(tls.temporal(viewer, "workflow", "show", "-w", id));
    cliRefused(tls.temporal(viewer, "workflow", "query", "-w", id, "--name", "inventory"));
  }

  @Test
  void theViewerCannotStartSignalUpdateCancelNorTerminate() {
    String cluster = startProbe();
    String id = WorkflowIds.cluster(cluster);
    WorkflowClient v = client(viewer, "viewer");
    refused("the viewer's start", () -> start(v, "authz-by-viewer"));
    refused(
        "the viewer's signal", () -> v.newUntypedWorkflowStub(id).signal("probe", "from viewer"));
    refused(
        "the viewer's approval",
        () -> upgrade(v, cluster).approveUpgrade(new ApprovalRequest("viewer", cluster)));
    refused("the viewer's cancel", () -> v.newUntypedWorkflowStub(id).cancel());
    refused("the viewer's terminate", () -> v.newUntypedWorkflowStub(id).terminate("viewer"));

    cliRefused(
        tls.temporal(
            viewer,
            "workflow",
            "start",
            "--type",
            "ClusterUpgrade",
            "--task-queue",
            QUEUE,
            "-w",
            "authz-by-viewer-cli"));
    cliRefused(tls.temporal(viewer, "workflow", "signal", "-w", id, "--name", "probe"));
    cliRefused(
        tls.temporal(
            viewer,
            "--identity",
            "viewer",
            "workflow",
            "update",
            "execute",
            "-w",
            id,
            "--name",
            ClusterUpgrade.APPROVE_UPGRADE,
            "--input",
            "\"viewer\""));
    cliRefused(tls.temporal(viewer, "workflow", "cancel", "-w", id));
    cliRefused(tls.temporal(viewer, "workflow", "terminate", "-w", id));
    assertTrue(upgrade(client(operator, "operator"), cluster).phase().waitingForApproval());
  }

  /** A schedule's action holds a workflow's input (kubeha's: the inventory). */
  @Test
  void theViewerListsSchedulesButCannotReadOne() {
    String scheduleId = "authz-schedule";
    schedules(operator)
        .createSchedule(
            scheduleId,
            Schedule.newBuilder()
                .setAction(
                    ScheduleActionStartWorkflow.newBuilder()
                        .setWorkflowType(ClusterUpgrade.class)
                        .setArguments(probeInput())
                        .setOptions(
                            WorkflowOptions.newBuilder()
                                .setWorkflowId("authz-scheduled")
                                .setTaskQueue(QUEUE)
                                .build())
                        .build())
                .setSpec(
                    ScheduleSpec.newBuilder()
                        .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofDays(1))))
                        .build())
                .setState(ScheduleState.newBuilder().setPaused(true).build())
                .build(),
            ScheduleOptions.newBuilder().build());
    ScheduleClient v = schedules(viewer);
    TestTemporal.waitUntil(
        "the viewer lists the schedule",
        TlsStack.DEADLINE,
        () -> v.listSchedules().anyMatch(s -> s.getScheduleId().equals(scheduleId)));
    refused("the viewer's DescribeSchedule", () -> v.getHandle(scheduleId).describe());
    refused("the viewer's DeleteSchedule", () -> v.getHandle(scheduleId).delete());
    schedules(operator).getHandle(scheduleId).delete();
  }

  @Test
  void aCertificateOfTheStacksCaWithoutARoleMayOnlyConnect() {
    String id = WorkflowIds.cluster(startProbe());
    WorkflowServiceStubs service = stubs(stranger);
    assertTrue(
        service
            .blockingStub()
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
            .hasCapabilities());
    refused(
        "the stranger's DescribeNamespace",
        () ->
            service
                .blockingStub()
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace("default").build()));
    WorkflowClient s = client(stranger, "stranger");
    refused("the stranger's list", () -> s.listExecutions("WorkflowId = '" + id + "'").count());
    refused("the stranger's describe", () -> s.newUntypedWorkflowStub(id).describe());
    refused(
        "the stranger's query", () -> s.newUntypedWorkflowStub(id).query("phase", Object.class));
    refused("the stranger's history", () -> s.fetchHistory(id).getEvents());
    refused("the stranger's start", () -> start(s, "authz-by-stranger"));
    refused("the stranger's terminate", () -> s.newUntypedWorkflowStub(id).terminate("stranger"));

    assertOk(tls.temporal(stranger, "operator", "cluster", "health"), "SERVING");
    cliRefused(tls.temporal(stranger, "workflow", "list"));
    cliRefused(tls.temporal(stranger, "workflow", "describe", "-w", id));
  }

  @Test
  void theOperatorMayDoAll() {
    WorkflowClient o = client(operator, "operator");
    String approved = startProbe();
    String id = WorkflowIds.cluster(approved);
    TestTemporal.waitUntil(
        "the operator lists the probe",
        TlsStack.DEADLINE,
        () -> o.listExecutions("WorkflowId = '" + id + "'").count() == 1);
    o.newUntypedWorkflowStub(id).signal("probe", "from the operator");
    assertTrue(
        o.fetchHistory(id).getEvents().stream()
            .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED));
    assertEquals(
        "operator", upgrade(o, approved).approveUpgrade(new ApprovalRequest("operator", approved)));
    assertEquals("operator", result(o, approved).version());

    String cancelled = startProbe();
    o.newUntypedWorkflowStub(WorkflowIds.cluster(cancelled)).cancel();
    assertStatus(o, cancelled, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);

    String terminated = startProbe();
    assertOk(tls.temporal(operator, "workflow", "show", "-w", WorkflowIds.cluster(terminated)), "");
    assertOk(
        tls.temporal(operator, "workflow", "terminate", "-w", WorkflowIds.cluster(terminated)), "");
    assertStatus(o, terminated, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  /**
   * The approver a run records is the argument of its approval, which the server holds to the
   * certificate's CN, as it holds the update's identity; kubeha's CLI sends both.
   */
  @Test
  void anApprovalMustNameTheCertificatesSubject() throws Exception {
    String cluster = startProbe();
    String id = WorkflowIds.cluster(cluster);
    refused(
        "an update with another identity",
        () ->
            upgrade(client(operator, "mallory"), cluster)
                .approveUpgrade(new ApprovalRequest("operator", cluster)));
    refused(
        "an approval naming another approver",
        () ->
            upgrade(client(operator, "operator"), cluster)
                .approveUpgrade(new ApprovalRequest("mallory", cluster)));
    refused(
        "an approveInit signal naming another approver",
        () ->
            client(operator, "operator")
                .newUntypedWorkflowStub(id)
                .signal("approveInit", new ApprovalRequest("mallory", cluster)));
    cliRefused(
        tls.temporal(
            operator,
            "workflow",
            "update",
            "execute",
            "-w",
            id,
            "--name",
            ClusterUpgrade.APPROVE_UPGRADE,
            "--input",
            approval("operator", cluster)));
    cliRefused(
        tls.temporal(
            operator,
            "--identity",
            "operator",
            "workflow",
            "update",
            "execute",
            "-w",
            id,
            "--name",
            ClusterUpgrade.APPROVE_UPGRADE,
            "--input",
            approval("mallory", cluster)));
    assertTrue(upgrade(client(operator, "operator"), cluster).phase().waitingForApproval());

    Cli approve = Cli.run(tls.withTls("approve", cluster, "--yes"));
    assertEquals(ExitCodes.OK, approve.exitCode(), approve.err());
    assertTrue(approve.out().contains("approved by operator."), approve.out());
    assertEquals("operator", result(client(operator, "operator"), cluster).version());

    String byCli = startProbe();
    assertOk(
        tls.temporal(
            operator,
            "--identity",
            "operator",
            "workflow",
            "update",
            "execute",
            "-w",
            WorkflowIds.cluster(byCli),
            "--name",
            ClusterUpgrade.APPROVE_UPGRADE,
            "--input",
            approval("operator", byCli)),
        "operator");
    assertEquals("operator", result(client(operator, "operator"), byCli).version());
  }

  /** `temporal-stack issue` adds a subject; the running server reads the changed roles file. */
  @Test
  void aSubjectTheScriptIssuesHasItsRoleWithoutARestart() {
    long server = tls.stack.pids().get("server");
    Run issued = tls.stack.run(TemporalStackScript.UP, "issue", "alice", "viewer");
    assertEquals(0, issued.exitCode(), issued.output());
    WorkflowClient alice = client(tls.stack.security("alice"), "alice");
    alice.listExecutions("WorkflowType = 'ClusterUpgrade'").count();
    refused("alice's start as a viewer", () -> start(alice, "authz-by-alice-viewer"));

    Run promoted = tls.stack.run(TemporalStackScript.UP, "issue", "alice", "operator");
    assertEquals(0, promoted.exitCode(), promoted.output());
    WorkflowClient operatorAlice = client(tls.stack.security("alice"), "alice");
    start(operatorAlice, "authz-by-alice");
    operatorAlice.newUntypedWorkflowStub(WorkflowIds.cluster("authz-by-alice")).terminate("done");
    assertEquals(server, tls.stack.pids().get("server"), "the server was restarted");
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** A probe run, started by the operator, waiting at its gate; returns its cluster name. */
  private String startProbe() {
    String cluster = "authz-" + PROBES.incrementAndGet();
    WorkflowClient o = client(operator, "operator");
    start(o, cluster);
    TestTemporal.waitUntil(
        "the probe " + cluster + " waits at its gate",
        TlsStack.DEADLINE,
        () -> upgrade(o, cluster).phase().waitingForApproval());
    return cluster;
  }

  private static void start(WorkflowClient client, String cluster) {
    ClusterUpgrade stub =
        client.newWorkflowStub(
            ClusterUpgrade.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.cluster(cluster))
                .setTaskQueue(QUEUE)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                .build());
    WorkflowClient.start(stub::run, probeInput());
  }

  /**
   * An approval as the temporal CLI's --input takes it: JSON naming the approver and the cluster.
   */
  private static String approval(String approvedBy, String cluster) {
    return "{\"approvedBy\": \"" + approvedBy + "\", \"cluster\": \"" + cluster + "\"}";
  }

  private static UpgradeInput probeInput() {
    return new UpgradeInput(null, 1, 60, false);
  }

  private static ClusterUpgrade upgrade(WorkflowClient client, String cluster) {
    return client.newWorkflowStub(ClusterUpgrade.class, WorkflowIds.cluster(cluster));
  }

  private static UpgradeResult result(WorkflowClient client, String cluster) {
    try {
      return client
          .newUntypedWorkflowStub(WorkflowIds.cluster(cluster))
          .getResult(30, TimeUnit.SECONDS, UpgradeResult.class);
    } catch (TimeoutException e) {
      throw new AssertionError(cluster + " did not finish within 30 s", e);
    }
  }

  private static void assertStatus(
      WorkflowClient client, String cluster, WorkflowExecutionStatus status) {
    WorkflowStub run = client.newUntypedWorkflowStub(WorkflowIds.cluster(cluster));
    TestTemporal.waitUntil(
        cluster + " is " + status, TlsStack.DEADLINE, () -> run.describe().getStatus() == status);
  }

  private WorkflowServiceStubs stubs(TemporalSecurity security) {
    WorkflowServiceStubs service = tls.stubs(security);
    opened.add(service);
    return service;
  }

  /** A workflow client with security's certificate, sending identity. */
  private WorkflowClient client(TemporalSecurity security, String identity) {
    return WorkflowClient.newInstance(
        stubs(security),
        WorkflowClientOptions.newBuilder().setNamespace("default").setIdentity(identity).build());
  }

  private ScheduleClient schedules(TemporalSecurity security) {
    return ScheduleClient.newInstance(
        stubs(security), ScheduleClientOptions.newBuilder().setNamespace("default").build());
  }

  private String[] viewerKubeha(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", tls.stack.address()));
    all.addAll(TemporalStackScript.tlsOptions(viewer));
    return all.toArray(String[]::new);
  }

  /** The call fails with the server's PERMISSION_DENIED, however the SDK wraps it. */
  private static void refused(String what, Executable call) {
    Throwable thrown = assertThrows(Throwable.class, call, what + " was allowed");
    StatusRuntimeException status = null;
    for (Throwable t = thrown; t != null && status == null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        status = s;
      }
    }
    assertNotNull(status, what + " failed, but not with a gRPC status: " + thrown);
    assertEquals(Status.Code.PERMISSION_DENIED, status.getStatus().getCode(), what + ": " + thrown);
  }

  /** The temporal CLI failed with the server's PermissionDenied message. */
  private static void cliRefused(Run run) {
    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains(UNAUTHORIZED), run.output());
  }

  private static void assertOk(Run run, String expected) {
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains(expected), run.output());
  }
}
