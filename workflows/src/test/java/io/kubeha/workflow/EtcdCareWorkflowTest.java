package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.ClusterState;
import io.kubeha.activity.EtcdBackupActivities;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.FetchSnapshotInput;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.PruneSnapshotsInput;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.SnapshotInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.backup.BackupInput;
import io.kubeha.workflow.backup.BackupResult;
import io.kubeha.workflow.backup.CheckEtcd;
import io.kubeha.workflow.backup.ClusterBackup;
import io.kubeha.workflow.backup.ClusterBackupImpl;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.restore.ClusterRestoreImpl;
import io.kubeha.workflow.restore.RestoreInput;
import io.kubeha.workflow.restore.RestorePlan;
import io.kubeha.workflow.restore.RestoreResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backup's choice of member and retention, and the restore's gate and order, on fake
 * activities.
 */
@Timeout(60)
class EtcdCareWorkflowTest {
  private static final String ETCD = "3.7.0";
  private static final String TARBALL = "etcd-v" + ETCD + "-linux-amd64.tar.gz";
  private final Inventory inv = inventory();
  private final List<String> masters = inv.controlPlanes().stream().map(HostSpec::name).toList();
  private final Fakes fakes = new Fakes();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = DayTwoEnvironment.start(fakes, ClusterBackupImpl.class, ClusterRestoreImpl.class);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void theNextHealthyControlPlaneAfterTheNewestSnapshotsTakesTheNext() {
    assertEquals("kube-master-1", CheckEtcd.next(masters, masters, null));
    assertEquals("kube-master-2", CheckEtcd.next(masters, masters, "kube-master-1"));
    assertEquals("kube-master-1", CheckEtcd.next(masters, masters, "kube-master-3"));
    assertEquals(
        "kube-master-3",
        CheckEtcd.next(masters, List.of("kube-master-1", "kube-master-3"), "kube-master-1"));
    assertEquals("kube-master-2", CheckEtcd.next(masters, List.of("kube-master-2"), "gone-host"));
  }

  @Test
  void aBackupSnapshotsTheNextHealthyMemberInstallsItsToolsAndKeepsTheNewest() {
    fakes.kept.add(snapshot("old-1.db", "kube-master-1"));
    fakes.unhealthy.add("kube-master-2");
    BackupResult result = backup(new BackupInput(inv, "/backups", 2, false));
    assertEquals(
        "kube-master-3", result.snapshot().host(), "master-2 is unhealthy: the next after it");
    assertTrue(
        result.snapshot().name().matches("lab-a-etcd-\\d{8}T\\d{6}Z-kube-master-3\\.db"),
        result.snapshot().name());
    assertEquals(
        List.of(
            "tools kube-master-3 " + TARBALL,
            "save kube-master-3",
            "fetch kube-master-3",
            "prune 2"),
        fakes.calls);
  }

  @Test
  void aRestoreWaitsAtItsGateShowingWhatIsLostThenStopsRestoresAndStartsEveryMemberInTurn() {
    ClusterRestore run = restoreRun();
    WorkflowClient.start(run::run, new RestoreInput(inv, "/backups/s.db", false));
    waitFor(() -> run.phase().waitingForApproval());
    String plan = run.restorePlan();
    assertTrue(
        plan.contains("etcd is at revision 900 now") && plan.contains("800 revisions"), plan);
    // The snapshot is at 100, etcd at 900: restored past 900 and the bump's margin.
    assertTrue(plan.contains("Its revision moves on to 1000000900,"), plan);
    assertEquals(
        List.of(),
        fakes.calls.stream().filter(c -> c.startsWith("stop")).toList(),
        "nothing stopped yet");
    run.approveRestore(new ApprovalRequest("test", inv.clusterName()));
    RestoreResult result = WorkflowStub.fromTyped(run).getResult(RestoreResult.class);
    assertEquals(masters, result.restored());
    for (String[] order :
        new String[][] {
          {"upload", "stop"},
          {"stop", "restore"},
          {"restore", "start-etcd"},
          {"start-etcd", "healthy"},
          {"healthy", "start"},
          {"start", "verify"}
        }) {
      int lastBefore = lastIndex(order[0]);
      int firstAfter = firstIndex(order[1]);
      assertTrue(
          lastBefore < firstAfter,
          "every " + order[0] + " before any " + order[1] + ": " + fakes.calls);
    }
    Set<String> tokens = Set.copyOf(fakes.tokens);
    assertEquals(1, tokens.size(), "one new cluster: " + tokens);
    assertEquals(
        List.of(1_000_000_800L, 1_000_000_800L, 1_000_000_800L),
        fakes.bumps,
        "every member moved on alike, past the revision etcd had: " + fakes.bumps);
    assertTrue(
        fakes.initialCluster.stream()
            .allMatch(
                c ->
                    c.equals(
                        "kube-master-1=https://198.18.0.11:2380,"
                            + "kube-master-2=https://198.18.0.12:2380,kube-master-3=https://198.18.0.13:2380")),
        fakes.initialCluster.toString());
  }

  @Test
  void aRestoreThatFailsOnOneMemberPutsEveryControlPlaneBackOnItsDataAndStartsIt() {
    fakes.failRestoreOn = "kube-master-2";
    ClusterRestore run = restoreRun();
    WorkflowClient.start(run::run, new RestoreInput(inv, "/backups/s.db", true));
    String message;
    try {
      WorkflowStub.fromTyped(run).getResult(RestoreResult.class);
      throw new AssertionError("the restore did not fail");
    } catch (WorkflowFailedException e) {
      message = FailureText.of(e);
    }
    assertTrue(message.contains("kube-master-2") && message.contains("exited 4"), message);
    assertTrue(
        message.contains(
            "every control plane (kube-master-1, kube-master-2, kube-master-3) was put back on the"
                + " etcd data it had before the restore and started again"),
        message);
    assertTrue(message.contains("the API answers through 198.18.0.250:16443"), message);
    List<String> afterFailure =
        fakes.calls.subList(firstIndex("restore-failed"), fakes.calls.size());
    for (String[] order :
        new String[][] {
          {"put-back", "start-etcd"},
          {"start-etcd", "healthy"},
          {"healthy", "start"},
          {"start", "verify"}
        }) {
      assertTrue(
          lastIndex(order[0]) < firstIndex(order[1]),
          "every " + order[0] + " before any " + order[1] + ": " + fakes.calls);
    }
    assertEquals(
        masters.stream().map(m -> "put-back " + m).sorted().toList(),
        afterFailure.stream().filter(c -> c.startsWith("put-back")).sorted().toList());
    assertEquals(
        masters.stream().map(m -> "start " + m).sorted().toList(),
        afterFailure.stream().filter(c -> c.startsWith("start ")).sorted().toList());
    assertEquals(Phase.FAILED, run.phase().phase());
  }

  @Test
  void restoresStartedWithinTheSameMinuteKeepTheirDataApart() {
    // Temporal's run ids are time-ordered: two restores a few seconds apart share a long prefix.
    String first = "019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6a7b";
    String second = "019a2b3c-5e6f-7a81-9b2c-3d4e5f6a7b8c";
    assertNotEquals(RestorePlan.previousDataDir(first), RestorePlan.previousDataDir(second));
  }

  @Test
  void aSnapshotThatChangedSinceItWasTakenIsRefusedBeforeAnythingStops() {
    fakes.recordSha = "cd".repeat(32);
    ClusterRestore run = restoreRun();
    WorkflowClient.start(run::run, new RestoreInput(inv, "/backups/s.db", true));
    try {
      WorkflowStub.fromTyped(run).getResult(RestoreResult.class);
      throw new AssertionError("the restore did not fail");
    } catch (WorkflowFailedException e) {
      assertTrue(FailureText.of(e).contains("the file changed"), FailureText.of(e));
    }
    assertEquals(List.of(), fakes.calls, "nothing uploaded, stopped or restored");
  }

  @Test
  void aRestoreCancelledAtItsGateTakesTheUploadedSnapshotOffEveryControlPlane() {
    ClusterRestore run = restoreRun();
    WorkflowClient.start(run::run, new RestoreInput(inv, "/backups/s.db", false));
    waitFor(() -> run.phase().waitingForApproval());
    WorkflowStub.fromTyped(run).cancel();
    try {
      WorkflowStub.fromTyped(run).getResult(RestoreResult.class);
      throw new AssertionError("the restore did not end cancelled");
    } catch (WorkflowFailedException e) {
      assertTrue(e.getCause() instanceof io.temporal.failure.CanceledFailure, FailureText.of(e));
    }
    assertEquals(
        masters.stream().map(m -> "discard " + m).toList(),
        fakes.calls.stream().filter(c -> c.startsWith("discard")).toList(),
        "every upload removed");
    assertEquals(
        List.of(),
        fakes.calls.stream().filter(c -> c.startsWith("stop")).toList(),
        "nothing stopped");
  }

  private BackupResult backup(BackupInput input) {
    ClusterBackup run =
        env.getWorkflowClient()
            .newWorkflowStub(
                ClusterBackup.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("backup-test")
                    .setTaskQueue(TaskQueues.KUBEHA)
                    .build());
    return run.run(input);
  }

  private ClusterRestore restoreRun() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ClusterRestore.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("restore-test")
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
  }

  private int firstIndex(String what) {
    for (int i = 0; i < fakes.calls.size(); i++) {
      if (fakes.calls.get(i).startsWith(what + " ")) {
        return i;
      }
    }
    throw new AssertionError("no " + what + " in " + fakes.calls);
  }

  private int lastIndex(String what) {
    for (int i = fakes.calls.size() - 1; i >= 0; i--) {
      if (fakes.calls.get(i).startsWith(what + " ")) {
        return i;
      }
    }
    throw new AssertionError("no " + what + " in " + fakes.calls);
  }

  private void waitFor(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "gave up waiting");
      env.sleep(java.time.Duration.ofSeconds(1)); // time-skipping: advances the test server's clock
    }
  }

  private static EtcdSnapshot snapshot(String name, String host) {
    return new EtcdSnapshot(
        name, host, "2026-12-01T00:00:00Z", 100, 10, 4096, 7, "ef".repeat(32), "/backups/" + name);
  }

  /** The runbook's shape, with the checksum of the etcd tarball the fakes' etcd runs. */
  static Inventory inventory() {
    return withChecksum(TestInventories.ha(10), TARBALL, "ab".repeat(32));
  }

  private static Inventory withChecksum(Inventory inv, String file, String sha) {
    ArtifactsSpec a = inv.spec().artifacts();
    return TestInventoryBuilder.from(inv)
        .artifacts(
            new ArtifactsSpec(
                a.mirror(),
                a.aptRepository(),
                a.aptKeyFingerprint(),
                a.insecure(),
                Map.of(file, sha)))
        .build();
  }

  /**
   * A healthy three-member etcd (but for unhealthy), snapshots that read back as taken, calls
   * recorded in order.
   */
  static final class Fakes
      implements EtcdBackupActivities,
          EtcdRestoreActivities,
          NodeRemovalActivities,
          HostActivities,
          io.kubeha.activity.ClusterActivities {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<EtcdSnapshot> kept = Collections.synchronizedList(new ArrayList<>());
    final Set<String> unhealthy = ConcurrentHashMap.newKeySet();
    final List<String> tokens = Collections.synchronizedList(new ArrayList<>());
    final List<String> initialCluster = Collections.synchronizedList(new ArrayList<>());
    final List<Long> bumps = Collections.synchronizedList(new ArrayList<>());
    volatile String recordSha;
    volatile String failRestoreOn;

    @Override
    public ClusterState inspectCluster(InspectClusterInput input) {
      return new ClusterState(
          List.of(),
          input.controlPlanes().stream()
              .map(t -> new ClusterState.EtcdMember(t.host(), !unhealthy.contains(t.host())))
              .toList());
    }

    @Override
    public StepResult applyStep(ApplyStepInput input) {
      calls.add("tools " + input.target().host() + " " + input.step().downloads().get(0).name());
      return step(input.target().host(), true);
    }

    @Override
    public String etcdVersion(SshTarget controlPlane) {
      return ETCD;
    }

    @Override
    public EtcdSnapshot saveSnapshot(SnapshotInput input) {
      calls.add("save " + input.node().host());
      return new EtcdSnapshot(
          input.name(),
          input.node().host(),
          input.takenAt(),
          100,
          10,
          4096,
          7,
          "ef".repeat(32),
          "/var/lib/kubeha/snapshots/" + input.name());
    }

    @Override
    public EtcdSnapshot fetchSnapshot(FetchSnapshotInput input) {
      calls.add("fetch " + input.request().node().host());
      return input.saved().at(input.request().dir() + "/" + input.saved().name());
    }

    @Override
    public List<EtcdSnapshot> listSnapshots(String dir) {
      return List.copyOf(kept);
    }

    @Override
    public List<String> pruneSnapshots(PruneSnapshotsInput input) {
      calls.add("prune " + input.keep());
      return List.of();
    }

    @Override
    public LocalSnapshot readLocalSnapshot(String path) {
      EtcdSnapshot record = snapshot("s.db", "kube-master-1");
      if (recordSha != null) {
        record =
            new EtcdSnapshot(
                record.name(),
                record.host(),
                record.takenAt(),
                record.revision(),
                record.totalKeys(),
                record.totalSize(),
                record.hash(),
                recordSha,
                path);
      }
      return new LocalSnapshot(path, "ef".repeat(32), 4096, record);
    }

    @Override
    public EtcdStatus etcdStatus(SshTarget controlPlane) {
      return new EtcdStatus(controlPlane.host(), true, 900, 8192);
    }

    @Override
    public EtcdSnapshot uploadSnapshot(RestoreNodeInput input) {
      calls.add("upload " + input.node().host());
      tokens.add(input.clusterToken());
      initialCluster.add(input.initialCluster());
      return snapshot("s.db", "kube-master-1");
    }

    @Override
    public StepResult stopControlPlane(RestoreNodeInput input) {
      return record("stop", input);
    }

    @Override
    public StepResult restoreMember(RestoreNodeInput input) {
      if (input.node().host().equals(failRestoreOn)) {
        calls.add("restore-failed " + input.node().host());
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
            "etcdutl snapshot restore exited 4", "EtcdSnapshotRestoreFailed");
      }
      bumps.add(input.bumpRevision());
      return record("restore", input);
    }

    @Override
    public StepResult putBackMember(RestoreNodeInput input) {
      return record("put-back", input);
    }

    @Override
    public StepResult startEtcd(RestoreNodeInput input) {
      return record("start-etcd", input);
    }

    @Override
    public StepResult awaitEtcdHealthy(RestoreNodeInput input) {
      return record("healthy", input);
    }

    @Override
    public StepResult startControlPlane(RestoreNodeInput input) {
      return record("start", input);
    }

    @Override
    public void discardUpload(RestoreNodeInput input) {
      calls.add("discard " + input.node().host());
    }

    @Override
    public VerifyReport verifyCluster(VerifyInput input) {
      calls.add("verify " + input.firstMaster().host());
      return new VerifyReport(
          true, input.expectedNodes(), input.controlPlanes(), "HA-LB-A", true, null, List.of());
    }

    private StepResult record(String what, RestoreNodeInput input) {
      calls.add(what + " " + input.node().host());
      return step(input.node().host(), true);
    }

    private static StepResult step(String host, boolean changed) {
      return new StepResult(host, "fake", changed, List.of(), 1);
    }

    @Override
    public HostFacts inspectHost(InspectHostInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult drainNode(NodeChangeInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult resetNode(NodeChangeInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult removeEtcdMember(NodeChangeInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult deleteNode(NodeChangeInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public io.kubeha.activity.InitResult initFirstControlPlane(io.kubeha.activity.InitInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StepResult installCni(io.kubeha.activity.InstallCniInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public io.kubeha.activity.JoinResult joinNode(io.kubeha.activity.JoinInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public io.kubeha.activity.JoinResult prepareControlPlaneJoin(
        io.kubeha.activity.JoinInput input) {
      throw new UnsupportedOperationException();
    }
  }
}
