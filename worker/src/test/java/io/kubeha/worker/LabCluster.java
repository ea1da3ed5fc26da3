package io.kubeha.worker;

import io.kubeha.files.AllowedRoots;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.InventoryLoader;
import io.kubeha.lab.Lab;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.reset.ResetInput;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Test fixture: a lab, a Temporal server (a real dev server on a free port, or one the test runs
 * itself), and helpers to run a bring-up on it.
 */
public final class LabCluster implements AutoCloseable {
  /**
   * Lab runs go as a graph, or phase by phase with -Dkubeha.graph=false (bench/run
   * --phase-by-phase).
   */
  static final boolean GRAPH = !"false".equals(System.getProperty("kubeha.graph"));

  public static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  public final Lab lab;
  public TemporalDevServer
      server; // replaced when a test kills and restarts it; null on a server of the test's own
  final WorkflowServiceStubs service;
  public final WorkflowClient client;
  public Inventory inventory; // reloaded when a test adds a host to the lab
  final Path stateDir;

  LabCluster(Lab lab, TemporalDevServer server, Path stateDir) {
    this(lab, server, server.address(), TemporalSecurity.NONE, stateDir);
  }

  private LabCluster(
      Lab lab, TemporalDevServer server, String address, TemporalSecurity security, Path stateDir) {
    this.lab = lab;
    this.server = server;
    this.stateDir = stateDir;
    this.service =
        WorkflowServiceStubs.newServiceStubs(TemporalServiceOptions.of(address, security));
    this.client = WorkflowClient.newInstance(service);
    this.inventory = loadInventory(lab.inventoryPath());
  }

  public static LabCluster start(int masters, int workers, int lbs, Path stateDir)
      throws IOException {
    Lab lab = Lab.up(masters, workers, lbs);
    TemporalDevServer server =
        TemporalDevServer.start(
            stateDir.resolve("temporal"), TemporalDevServerTest.freePort(), 0, false);
    return new LabCluster(lab, server, stateDir);
  }

  /**
   * A lab on a Temporal server the test runs itself (scripts/temporal-stack, say) at address,
   * reached with security (its client certificate), namespace default: no dev server is started,
   * and close() leaves that server alone.
   */
  public static LabCluster onServer(
      int masters, int workers, int lbs, String address, TemporalSecurity security, Path stateDir) {
    return new LabCluster(Lab.up(masters, workers, lbs), null, address, security, stateDir);
  }

  public static Inventory loadInventory(Path file) {
    try {
      var result = InventoryLoader.load(Files.readString(file), file.toString());
      if (!result.ok()) {
        throw new IllegalStateException("lab inventory invalid: " + result.problems());
      }
      return result.inventory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the lab's inventory again (after `lab add-host`). */
  public void reloadInventory() {
    inventory = loadInventory(lab.inventoryPath());
  }

  /** Uses another inventory of the same lab (a copy at another Kubernetes version, say). */
  public void useInventory(Path file) {
    inventory = loadInventory(file);
  }

  /** Starts a rolling upgrade to the given inventory's version, approved at the start. */
  public WorkflowStub startUpgrade(Inventory target, int maxUnavailable) {
    ClusterUpgrade wf =
        client.newWorkflowStub(
            ClusterUpgrade.class,
            BringUpOptions.operation(
                target.clusterName(), "Upgrade to " + target.spec().kubernetes().version()));
    WorkflowClient.start(wf::run, new UpgradeInput(target, maxUnavailable, 120, true));
    return WorkflowStub.fromTyped(wf);
  }

  public String workflowId() {
    return WorkflowIds.cluster(inventory.clusterName());
  }

  public Path adminConf() {
    return stateDir.resolve("admin.conf");
  }

  /**
   * The directories a lab test's worker must allow besides its $KUBEHA_HOME: the test's state
   * (admin.conf, backups, snapshots to restore, a CLI's KUBEHA_HOME) and the lab's own (its SSH key
   * and known_hosts; $KUBEHA_LAB_DIR may put it anywhere).
   */
  public List<Path> workerPaths() {
    return List.of(stateDir.toAbsolutePath(), lab.inventoryPath().toAbsolutePath().getParent());
  }

  /** The allowed roots of an in-process worker: its $KUBEHA_HOME and {@link #workerPaths}. */
  public AllowedRoots workerRoots() {
    return WorkerRoots.of(workerPaths());
  }

  /** Starts a bring-up (auto-approved) and returns its stub. */
  public WorkflowStub startRun(boolean proveFailover) {
    ClusterBringUp wf =
        client.newWorkflowStub(
            ClusterBringUp.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId())
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
    WorkflowClient.start(
        wf::run, new BringUpInput(inventory, adminConf().toString(), true, proveFailover, GRAPH));
    return WorkflowStub.fromTyped(wf);
  }

  /**
   * Starts the removal of nodes under the cluster's one workflow id, approves it at its gate, and
   * returns its stub.
   */
  public WorkflowStub startRemoval(List<String> nodes, int drainTimeoutSeconds) {
    ClusterRemoveNodes wf =
        client.newWorkflowStub(
            ClusterRemoveNodes.class,
            BringUpOptions.operation(inventory.clusterName(), "Remove nodes " + nodes));
    WorkflowClient.start(wf::run, new RemovalInput(inventory, nodes, drainTimeoutSeconds));
    ClusterRemoveNodes running = client.newWorkflowStub(ClusterRemoveNodes.class, workflowId());
    awaitGate(() -> running.phase().waitingForApproval());
    running.approveRemoval(new ApprovalRequest("lab", inventory.clusterName()));
    return WorkflowStub.fromTyped(wf);
  }

  /**
   * Starts the reset of the cluster under its one workflow id, approves it at its gate, and returns
   * its stub.
   */
  public WorkflowStub startReset() {
    ClusterReset wf =
        client.newWorkflowStub(
            ClusterReset.class,
            BringUpOptions.operation(
                inventory.clusterName(), "Reset cluster " + inventory.clusterName()));
    WorkflowClient.start(wf::run, new ResetInput(inventory));
    ClusterReset running = client.newWorkflowStub(ClusterReset.class, workflowId());
    awaitGate(() -> running.phase().waitingForApproval());
    running.approveReset(new ApprovalRequest("lab", inventory.clusterName()));
    return WorkflowStub.fromTyped(wf);
  }

  /** A reset or removal waits at its gate before any host: the lab approves it there. */
  private static void awaitGate(Supplier<Boolean> waiting) {
    try {
      if (!waitFor(waiting, w -> w)) {
        throw new IllegalStateException("the run did not reach its approval gate in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a certificate check (its own id) or renewal (the cluster's one workflow id), and returns
   * its stub.
   */
  public WorkflowStub startCertificates(boolean renewAll) {
    String cluster = inventory.clusterName();
    WorkflowOptions options =
        renewAll
            ? BringUpOptions.operation(cluster, "Renew certificates")
            : WorkflowOptions.newBuilder(BringUpOptions.operation(cluster, "Check certificates"))
                .setWorkflowId(WorkflowIds.certificates(cluster))
                .build();
    ClusterCertificates wf = client.newWorkflowStub(ClusterCertificates.class, options);
    WorkflowClient.start(
        wf::run,
        renewAll
            ? CertificatesInput.renewal(inventory, adminConf().toString(), Long.MAX_VALUE)
            : CertificatesInput.check(inventory));
    return WorkflowStub.fromTyped(wf);
  }

  public BringUpResult await(WorkflowStub stub) throws TimeoutException {
    return stub.getResult(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, BringUpResult.class);
  }

  /**
   * kill -9 of the Temporal dev server, then a new one on the same SQLite file and port after
   * downFor. Only for the dev server of {@link #start}: a cluster {@link #onServer} has none to
   * restart.
   */
  public void killAndRestartServer(Duration downFor) throws IOException, InterruptedException {
    if (server == null) {
      throw new IllegalStateException(
          "no dev server to restart: this lab runs on a Temporal server of the test's own");
    }
    Process old = server.process().orElseThrow();
    old.destroyForcibly();
    if (!old.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the Temporal dev server survived SIGKILL for 30 s");
    }
    Thread.sleep(downFor.toMillis()); // the outage being simulated, not a synchronisation
    String address = server.address();
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    server = TemporalDevServer.start(stateDir.resolve("temporal"), port, 0, false);
  }

  /** Polls value until it satisfies done or 30 s pass; returns the last value seen. */
  public static <T> T waitFor(Supplier<T> value, Predicate<T> done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250); // polling interval of a wait with a deadline
      last = value.get();
    }
    return last;
  }

  /** A run's phases with their times and steps applied, under a title. */
  public static void print(String title, BringUpResult result) {
    System.out.println("== " + title + ": " + result.cluster());
    for (PhaseOutcome p : result.phases()) {
      System.out.printf(
          "  %-26s %7d ms  applied %3d / %3d%s%n",
          p.phase(),
          p.millis(),
          p.stepsApplied(),
          p.stepsTotal(),
          p.skipped() ? "  (skipped)" : "");
    }
  }

  @Override
  public void close() {
    service.shutdownNow();
    if (server != null) {
      server.close();
    }
    // KUBEHA_KEEP_LAB=1 leaves the lab up to look at after a failed run.
    if (System.getenv("KUBEHA_KEEP_LAB") == null) {
      lab.close();
    }
  }
}
