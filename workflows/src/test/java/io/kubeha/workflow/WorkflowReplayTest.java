package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;

import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.backup.BackupInput;
import io.kubeha.workflow.backup.ClusterBackup;
import io.kubeha.workflow.backup.ClusterBackupImpl;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostGroupImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.certs.CertificatesInput;
import io.kubeha.workflow.certs.ClusterCertificates;
import io.kubeha.workflow.certs.ClusterCertificatesImpl;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.removal.ClusterRemoveNodesImpl;
import io.kubeha.workflow.removal.RemovalInput;
import io.kubeha.workflow.removal.RemovalResult;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.reset.ClusterResetImpl;
import io.kubeha.workflow.reset.ResetInput;
import io.kubeha.workflow.reset.ResetResult;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.restore.ClusterRestoreImpl;
import io.kubeha.workflow.restore.RestoreInput;
import io.kubeha.workflow.restore.RestoreResult;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.ClusterUpgradeImpl;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Recorded histories must replay on today's workflow code, so a non-deterministic change fails
 * here. A change to the plan alone needs none: a bring-up holds its plan as data, from an activity.
 * Re-record (after an intended change to the workflows) with: mvn -B -pl workflows -am test
 * -Dtest=WorkflowReplayTest -Dkubeha.recordHistory=true
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowReplayTest {
  static final String BRING_UP = "histories/cluster-bring-up.json";
  static final String HOST_PREP = "histories/host-prep.json";

  /**
   * Recorded before children fetched the inventory (PrepareNodes.CHILD_INPUT_CHANGE): kept, never
   * re-recorded.
   */
  static final String BRING_UP_V0 = "histories/cluster-bring-up-v0-inventory-in-child-input.json";

  static final String HOST_PREP_V0 = "histories/host-prep-v0-inventory-in-input.json";

  /**
   * Recorded before the bring-up ran as a graph (phase-list version 1): kept, never re-recorded.
   */
  static final String BRING_UP_V1 = "histories/cluster-bring-up-v1-phase-by-phase.json";

  /** Recorded before prep installed chrony's package (TimePackage): kept, never re-recorded. */
  static final String HOST_PREP_V1 = "histories/host-prep-v1-time-package-in-time-phases.json";

  /**
   * Recorded while the plan was rendered in workflow code (before plan-as-data and
   * steps-from-parent): kept, never re-recorded.
   */
  static final String BRING_UP_V2 = "histories/cluster-bring-up-v2-plan-rendered-in-workflow.json";

  static final String HOST_PREP_V2 = "histories/host-prep-v2-renders-its-steps.json";

  /** A bring-up above its size threshold (GroupedBringUpTest), and its one group of hosts. */
  static final String BRING_UP_GROUPED = "histories/cluster-bring-up-grouped.json";

  static final String HOST_GROUP = "histories/host-group.json";

  static final String UPGRADE = "histories/cluster-upgrade.json";

  /**
   * Recorded while the reset and the upgrade built their steps in workflow code (before
   * RenderedSteps): kept, never re-recorded.
   */
  static final String UPGRADE_V0 = "histories/cluster-upgrade-v0-steps-built-in-workflow.json";

  static final String RESET_V0 = "histories/cluster-reset-v0-steps-built-in-workflow.json";
  static final String REMOVAL = "histories/cluster-remove-nodes.json";

  /**
   * Recorded before the removal waited at its gate (RemovalContext.GATE): kept, never re-recorded.
   */
  static final String REMOVAL_V0 = "histories/cluster-remove-nodes-v0-before-its-gate.json";

  static final String RESET = "histories/cluster-reset.json";
  static final String CERTIFICATES = "histories/cluster-certificates.json";

  /**
   * Recorded while the renewal, the removal, the backup and the restore rendered their nginx and
   * etcd-tools steps in workflow code (before RenderedSteps' activities): kept, never re-recorded.
   */
  static final String CERTIFICATES_V0 =
      "histories/cluster-certificates-v0-steps-built-in-workflow.json";

  static final String REMOVAL_V1 = "histories/cluster-remove-nodes-v1-nginx-built-in-workflow.json";
  static final String BACKUP_V0 = "histories/cluster-backup-v0-steps-built-in-workflow.json";
  static final String RESTORE_V0 = "histories/cluster-restore-v0-steps-built-in-workflow.json";
  static final String BACKUP = "histories/cluster-backup.json";
  static final String RESTORE = "histories/cluster-restore.json";

  /** The host whose node prep is recorded: a master has the most steps. */
  static final String RECORDED_HOST = "kube-master-1";

  /** A bring-up on fakes; -Dkubeha.recordHistory=bring-up records only this one. */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|bring-up")
  void recordBringUpHistories() throws IOException {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      WorkflowStub run = h.start(false);
      ClusterBringUp bringUp = h.running();
      waitUntil(
          "the run waits at the gate",
          Duration.ofSeconds(20),
          () -> bringUp.phase().waitingForApproval());
      bringUp.approveInit(new ApprovalRequest("recorder", TestInventories.CLUSTER));
      run.getResult(BringUpResult.class);
      String cluster = WorkflowIds.cluster(TestInventories.CLUSTER);
      String host = WorkflowIds.host(TestInventories.CLUSTER, RECORDED_HOST);
      write(BRING_UP, h.client().fetchHistory(cluster).toJson(true));
      write(HOST_PREP, h.client().fetchHistory(host).toJson(true));
    }
  }

  /** A bring-up whose workers run in a group; -Dkubeha.recordHistory=groups records only this. */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|groups")
  void recordGroupedBringUpHistories() throws IOException {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      h.groupHostsAbove = GroupedBringUpTest.GROUP_ABOVE;
      h.runToEnd(true);
      write(
          BRING_UP_GROUPED,
          h.client().fetchHistory(WorkflowIds.cluster(TestInventories.CLUSTER)).toJson(true));
      write(
          HOST_GROUP,
          h.client().fetchHistory(WorkflowIds.hostGroup(TestInventories.CLUSTER, 1)).toJson(true));
    }
  }

  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|upgrade")
  void recordDayTwoHistories() throws IOException {
    Inventory inv = TestInventories.ha(10);
    String cluster = WorkflowIds.cluster(inv.clusterName());
    try (TestWorkflowEnvironment env = dayTwoEnvironment()) {
      ClusterUpgrade upgrade =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterUpgrade.class, BringUpOptions.operation(inv.clusterName(), "recorder"));
      upgrade.run(new UpgradeInput(inv, 1, 60, true));
      write(UPGRADE, env.getWorkflowClient().fetchHistory(cluster).toJson(true));
    }
  }

  /**
   * A removal and a reset, each approved at its gate, on fakes; -Dkubeha.recordHistory=gates
   * records only these.
   */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|gates")
  void recordGatedHistories() throws IOException {
    Inventory inv = TestInventories.ha(10);
    String cluster = WorkflowIds.cluster(inv.clusterName());
    ApprovalRequest approval = new ApprovalRequest("recorder", inv.clusterName());
    try (TestWorkflowEnvironment env = dayTwoEnvironment()) {
      ClusterRemoveNodes removal =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterRemoveNodes.class,
                  BringUpOptions.operation(inv.clusterName(), "recorder"));
      io.temporal.client.WorkflowClient.start(
          removal::run, new RemovalInput(inv, List.of("kube-worker-3", "kube-master-3"), 60));
      ClusterRemoveNodes running =
          env.getWorkflowClient().newWorkflowStub(ClusterRemoveNodes.class, cluster);
      waitUntil(
          "the removal waits at its gate",
          Duration.ofSeconds(20),
          () -> running.phase().waitingForApproval());
      running.approveRemoval(approval);
      WorkflowStub.fromTyped(removal).getResult(RemovalResult.class);
      write(REMOVAL, env.getWorkflowClient().fetchHistory(cluster).toJson(true));
    }
    try (TestWorkflowEnvironment env = dayTwoEnvironment()) {
      ClusterReset reset =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterReset.class, BringUpOptions.operation(inv.clusterName(), "recorder"));
      io.temporal.client.WorkflowClient.start(reset::run, new ResetInput(inv));
      ClusterReset running = env.getWorkflowClient().newWorkflowStub(ClusterReset.class, cluster);
      waitUntil(
          "the reset waits at its gate",
          Duration.ofSeconds(20),
          () -> running.phase().waitingForApproval());
      running.approveReset(approval);
      WorkflowStub.fromTyped(reset).getResult(ResetResult.class);
      write(RESET, env.getWorkflowClient().fetchHistory(cluster).toJson(true));
    }
  }

  /**
   * A renewal of two of three control planes on fakes; -Dkubeha.recordHistory=certificates records
   * only this one.
   */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|certificates")
  void recordCertificateHistory() throws IOException {
    Inventory inv = TestInventories.ha(10);
    CertificateRenewalWorkflowTest.Fakes fakes = new CertificateRenewalWorkflowTest.Fakes();
    fakes.residualDays.put(inv.controlPlanes().get(0).name(), 20L);
    fakes.residualDays.put(inv.controlPlanes().get(2).name(), 10L);
    try (TestWorkflowEnvironment env =
        DayTwoEnvironment.start(fakes, ClusterCertificatesImpl.class)) {
      ClusterCertificates renewal =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterCertificates.class,
                  BringUpOptions.operation(inv.clusterName(), "recorder"));
      renewal.run(CertificatesInput.renewal(inv, "/tmp/admin.conf", 30L * 86_400));
      write(
          CERTIFICATES,
          env.getWorkflowClient()
              .fetchHistory(WorkflowIds.cluster(inv.clusterName()))
              .toJson(true));
    }
  }

  /** A backup and an approved restore on fakes; -Dkubeha.recordHistory=etcd records only these. */
  @Test
  @Order(1)
  @EnabledIfSystemProperty(named = "kubeha.recordHistory", matches = "true|etcd")
  void recordEtcdHistories() throws IOException {
    Inventory inv = EtcdCareWorkflowTest.inventory();
    try (TestWorkflowEnvironment env =
        DayTwoEnvironment.start(
            new EtcdCareWorkflowTest.Fakes(), ClusterBackupImpl.class, ClusterRestoreImpl.class)) {
      ClusterBackup backup =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterBackup.class, BringUpOptions.operation(inv.clusterName(), "recorder"));
      backup.run(new BackupInput(inv, "/backups", 2, false));
      write(
          BACKUP,
          env.getWorkflowClient()
              .fetchHistory(WorkflowIds.cluster(inv.clusterName()))
              .toJson(true));
      ClusterRestore restore =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ClusterRestore.class, BringUpOptions.operation(inv.clusterName(), "recorder"));
      WorkflowStub run = WorkflowStub.fromTyped(restore);
      io.temporal.client.WorkflowClient.start(
          restore::run, new RestoreInput(inv, "/backups/s.db", false));
      ClusterRestore running =
          env.getWorkflowClient()
              .newWorkflowStub(ClusterRestore.class, WorkflowIds.cluster(inv.clusterName()));
      waitUntil(
          "the restore waits at its gate",
          Duration.ofSeconds(20),
          () -> running.phase().waitingForApproval());
      running.approveRestore(new ApprovalRequest("recorder", inv.clusterName()));
      run.getResult(RestoreResult.class);
      write(
          RESTORE,
          env.getWorkflowClient()
              .fetchHistory(WorkflowIds.cluster(inv.clusterName()))
              .toJson(true));
    }
  }

  /** The day-2 workflows on the upgrade test's fake activities (every step succeeds). */
  private static TestWorkflowEnvironment dayTwoEnvironment() {
    return DayTwoEnvironment.start(
        new RollingUpgradeWorkflowTest.Fakes(),
        ClusterUpgradeImpl.class,
        ClusterRemoveNodesImpl.class,
        ClusterResetImpl.class);
  }

  @Test
  @Order(2)
  void replaysTheRecordedBringUp() {
    replay(BRING_UP, ClusterBringUpImpl.class);
  }

  @Test
  @Order(3)
  void replaysTheRecordedHostPrep() {
    replay(HOST_PREP, HostPrepImpl.class);
  }

  @Test
  @Order(4)
  void replaysTheBringUpFromBeforeChildrenFetchedTheInventory() {
    replay(BRING_UP_V0, ClusterBringUpImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheHostPrepFromBeforeItFetchedTheInventory() {
    replay(HOST_PREP_V0, HostPrepImpl.class);
  }

  @Test
  @Order(5)
  void replaysThePhaseByPhaseBringUp() {
    replay(BRING_UP_V1, ClusterBringUpImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheHostPrepFromBeforeItInstalledChronysPackage() {
    replay(HOST_PREP_V1, HostPrepImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheBringUpThatRenderedItsPlan() {
    replay(BRING_UP_V2, ClusterBringUpImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheHostPrepThatRenderedItsSteps() {
    replay(HOST_PREP_V2, HostPrepImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheGroupedBringUp() {
    replay(BRING_UP_GROUPED, ClusterBringUpImpl.class);
  }

  @Test
  @Order(5)
  void replaysTheRecordedHostGroup() {
    replay(HOST_GROUP, HostGroupImpl.class);
  }

  @Test
  @Order(6)
  void replaysTheRecordedUpgrade() {
    replay(UPGRADE, ClusterUpgradeImpl.class);
  }

  @Test
  @Order(6)
  void replaysTheUpgradeFromBeforeItsStepsWereRendered() {
    replay(UPGRADE_V0, ClusterUpgradeImpl.class);
  }

  @Test
  @Order(7)
  void replaysTheRecordedRemoval() {
    replay(REMOVAL, ClusterRemoveNodesImpl.class);
  }

  @Test
  @Order(7)
  void replaysTheRemovalFromBeforeItsGate() {
    replay(REMOVAL_V0, ClusterRemoveNodesImpl.class);
  }

  @Test
  @Order(7)
  void replaysTheRecordedReset() {
    replay(RESET, ClusterResetImpl.class);
  }

  @Test
  @Order(7)
  void replaysTheResetFromBeforeItsStepsWereRendered() {
    replay(RESET_V0, ClusterResetImpl.class);
  }

  @Test
  @Order(8)
  void replaysTheRecordedCertificateRenewal() {
    replay(CERTIFICATES, ClusterCertificatesImpl.class);
  }

  @Test
  @Order(9)
  void replaysTheRecordedBackup() {
    replay(BACKUP, ClusterBackupImpl.class);
  }

  @Test
  @Order(10)
  void replaysTheRecordedRestore() {
    replay(RESTORE, ClusterRestoreImpl.class);
  }

  @Test
  @Order(10)
  void replaysTheDayTwoRunsFromBeforeTheirNginxAndEtcdToolsStepsWereRendered() {
    replay(CERTIFICATES_V0, ClusterCertificatesImpl.class);
    replay(REMOVAL_V1, ClusterRemoveNodesImpl.class);
    replay(BACKUP_V0, ClusterBackupImpl.class);
    replay(RESTORE_V0, ClusterRestoreImpl.class);
  }

  private static void replay(String resource, Class<?> workflow) {
    try {
      WorkflowReplayer.replayWorkflowExecutionFromResource(resource, workflow);
    } catch (Exception e) {
      throw new AssertionError(
          resource
              + " no longer replays on "
              + workflow.getSimpleName()
              + ". A workflow change must keep old runs replayable (Workflow.getVersion). The kept"
              + " histories of runs that rendered their plan in workflow code (v0 to v2) also break"
              + " when the plan's steps change: such runs could not resume either.",
          e);
    }
  }

  /** Into the sources (to commit) and onto the test classpath (so this run replays the new one). */
  private static void write(String resource, String json) throws IOException {
    for (Path root : new Path[] {Path.of("src/test/resources"), Path.of("target/test-classes")}) {
      Path file = root.resolve(resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, json);
    }
  }
}
