package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activities.SnapshotStore;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.plan.Phase;
import io.kubeha.worker.ChildJvm;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.TemporalCli;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.ClusterRestore;
import io.kubeha.workflow.RestoreResult;
import io.kubeha.workflow.WorkflowIds;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd backups and a restore on a lab cluster of three control planes, through the CLI, the real
 * etcdctl and etcdutl, and a real Temporal Schedule; checked through the snapshot files, the real
 * etcdutl and kubectl. The restore survives a kill -9 of the worker while the control planes stop
 * and of the Temporal server while they start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdBackupRestoreTest {
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path state;
  LabCluster cluster;
  ChildJvm worker;
  Path backups;
  String inventory;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(3, 1, 2, state);
    worker = startWorker("worker.log");
    BringUpResult up = cluster.await(cluster.startRun(false));
    assertTrue(up.verify().ok(), "verify: " + up.verify());
    backups = state.resolve("backups");
    inventory = cluster.lab.inventoryPath().toString();
  }

  @AfterAll
  void down() throws Exception {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void snapshotsRotateAmongControlPlanesAndTheScheduleKeepsTheNewest() throws Exception {
    Cli first = cli("backup", "-f", inventory, "--dir", backups.toString());
    assertEquals(0, first.exitCode(), first.out() + first.err());
    List<EtcdSnapshot> kept = new SnapshotStore(backups).list();
    assertEquals(1, kept.size(), kept.toString());
    EtcdSnapshot snapshot = kept.get(0);
    assertTrue(first.out().contains("Snapshot " + snapshot.path()), first.out());
    // The copy is etcd's own snapshot: the real etcdutl reads it here as it did on the control
    // plane.
    JsonNode status =
        JSON.readTree(k8s().etcdutl("snapshot", "status", "-w", "json", snapshot.path()));
    assertEquals(snapshot.revision(), status.path("revision").asLong(), status.toString());
    assertEquals(snapshot.hash(), status.path("hash").asLong(), status.toString());
    assertEquals(snapshot.sha256(), sha256(Path.of(snapshot.path())));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(Path.of(snapshot.path()))));

    Cli scheduled =
        cli(
            "backup",
            "schedule",
            "-f",
            inventory,
            "--dir",
            backups.toString(),
            "--every",
            "1h",
            "--keep",
            "2");
    assertEquals(0, scheduled.exitCode(), scheduled.out() + scheduled.err());
    for (int expected = 2; expected <= 3; expected++) {
      temporal("schedule", "trigger", "--schedule-id", WorkflowIds.backup("lab"));
      int taken = expected;
      await(
          "scheduled snapshot " + expected,
          () ->
              new SnapshotStore(backups)
                      .list().stream().filter(s -> !s.name().equals(snapshot.name())).count()
                  == taken - 1);
      // Runs never overlap: the next trigger would be skipped while this run still prunes.
      await(
          "the scheduled run to end",
          () ->
              JSON.readTree(
                      temporal(
                          "schedule",
                          "describe",
                          "--schedule-id",
                          WorkflowIds.backup("lab"),
                          "-o",
                          "json"))
                  .path("info")
                  .path("runningWorkflows")
                  .isEmpty());
    }
    List<EtcdSnapshot> after = new SnapshotStore(backups).list();
    assertEquals(2, after.size(), "--keep 2: " + after);
    assertFalse(
        Files.exists(Path.of(snapshot.path())), "the oldest was deleted: " + snapshot.path());
    List<String> masters = cluster.inventory.controlPlanes().stream().map(HostSpec::name).toList();
    assertEquals(
        masters,
        List.of(snapshot.host(), after.get(0).host(), after.get(1).host()),
        "the three snapshots rotated among the control planes");

    Cli list =
        Cli.run(
            "backup",
            "list",
            "-f",
            inventory,
            "--dir",
            backups.toString()); // reads files: no Temporal
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(
        list.out().contains(after.get(1).name()) && !list.out().contains(snapshot.name()),
        list.out());
    assertEquals(0, cli("backup", "schedule", "-f", inventory, "--delete").exitCode());
  }

  @Test
  @Order(2)
  void aRestoreBringsBackWhatTheSnapshotHeldThroughAWorkerKillAndAServerKill() throws Exception {
    LabKubernetes k8s = k8s();
    k8s.kubectl("create", "configmap", "kept-by-the-snapshot", "--from-literal=state=before");
    // A workload in the snapshot: deleted after it, it must come back with running Pods.
    k8s.kubectl(
        "create",
        "deployment",
        "kept-workload",
        "--image=" + CheckWorkload.DEFAULT_IMAGE,
        "--replicas=2",
        "--",
        "/agnhost",
        "netexec",
        "--http-port=8080");
    await("kept-workload's 2 Pods Ready", () -> readyReplicas(k8s, "kept-workload") == 2);
    Cli backup = cli("backup", "-f", inventory, "--dir", backups.toString());
    assertEquals(0, backup.exitCode(), backup.out() + backup.err());
    EtcdSnapshot snapshot =
        new SnapshotStore(backups).list().stream().reduce((a, b) -> b).orElseThrow();
    k8s.kubectl("delete", "configmap", "kept-by-the-snapshot");
    k8s.kubectl("delete", "deployment", "kept-workload", "--wait=true", "--timeout=120s");
    k8s.kubectl("create", "configmap", "made-after-the-snapshot", "--from-literal=state=after");

    Cli restore =
        cli("restore", "--snapshot", snapshot.path(), "-f", inventory, "--yes", "--detach");
    assertEquals(0, restore.exitCode(), restore.out() + restore.err());
    ClusterRestore run =
        cluster.client.newWorkflowStub(ClusterRestore.class, WorkflowIds.cluster("lab"));
    await(
        "the restore to stop the control planes",
        () -> run.phase().phase() == Phase.STOP_CONTROL_PLANES);
    worker.kill9();
    worker = startWorker("worker-restore.log");
    await(
        "the restore to start the control planes",
        () -> run.phase().phase().compareTo(Phase.START_CONTROL_PLANES) >= 0);
    cluster.killAndRestartServer(Duration.ofSeconds(2));
    RestoreResult result =
        WorkflowStub.fromTyped(run)
            .getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RestoreResult.class);
    System.out.println("restore: " + result);

    assertEquals(
        "before",
        k8s.kubectl("get", "configmap", "kept-by-the-snapshot", "-o", "jsonpath={.data.state}"));
    assertFalse(
        k8s.kubectl("get", "configmaps", "-o", "name").contains("made-after-the-snapshot"),
        "what was made after the snapshot is gone");
    await(
        "kept-workload back from the snapshot with its 2 Pods Ready",
        () -> readyReplicas(k8s, "kept-workload") == 2);
    assertEquals(
        List.of(),
        k8s.problems(),
        "every node Ready, one etcd member per control plane, the API healthy");
    for (HostSpec m : cluster.inventory.controlPlanes()) {
      String kept =
          cluster
              .lab
              .exec(m.name(), "sh", "-c", "ls -d /var/lib/etcd.kubeha-before-* | wc -l")
              .stdout()
              .strip();
      assertEquals("1", kept, m.name() + ": the data from before, moved aside once");
      assertEquals(
          "",
          cluster
              .lab
              .exec(m.name(), "sh", "-c", "ls /var/lib/kubeha/restore-* 2>/dev/null || true")
              .stdout()
              .strip(),
          m.name() + ": the uploaded snapshot is gone from the node");
    }
  }

  @Test
  @Order(3)
  void aSecondRestoreOfTheSameSnapshotInARowExitsZero() throws Exception {
    // The snapshot the restore before restored: its markers and data dirs are on every node.
    LabKubernetes k8s = k8s();
    EtcdSnapshot snapshot = newest();
    k8s.kubectl("create", "configmap", "made-before-the-second-restore");
    Launched restore =
        launch("restore-2.log", "restore", "--snapshot", snapshot.path(), "-f", inventory, "--yes");
    assertEquals(0, restore.exitCode(), "the second restore: " + restore.output());
    assertTrue(restore.output().contains("is restored to revision"), restore.output());
    assertFalse(
        k8s.kubectl("get", "configmaps", "-o", "name").contains("made-before-the-second-restore"),
        "the second restore took the cluster back to the snapshot");
    assertEquals(List.of(), k8s.problems(), "the cluster is healthy");
    for (HostSpec m : cluster.inventory.controlPlanes()) {
      assertEquals(
          "2", previousDataDirs(m.name()), m.name() + ": one data dir kept aside per restore");
    }
  }

  @Test
  @Order(4)
  void aRestoreThatFailsOnOneMemberPutsEveryControlPlaneBackThenAThirdRestoreWorks()
      throws Exception {
    LabKubernetes k8s = k8s();
    EtcdSnapshot snapshot = newest();
    k8s.kubectl("create", "configmap", "kept-through-the-failed-restore");
    String failing = cluster.inventory.controlPlanes().get(1).name();
    Launched started =
        launch(
            "restore-failing.log",
            "restore",
            "--snapshot",
            snapshot.path(),
            "-f",
            inventory,
            "--detach");
    assertEquals(0, started.exitCode(), started.output());
    ClusterRestore run =
        cluster.client.newWorkflowStub(ClusterRestore.class, WorkflowIds.cluster("lab"));
    await("the restore's gate", () -> run.phase().waitingForApproval());
    // etcdutl is installed before the gate: from here on it is the one the restore runs.
    cluster.lab.exec(failing, "sh", "-c", BREAK_ETCDUTL);
    assertEquals(0, cli("approve", "lab", "--yes").exitCode());
    Launched watched = launch("restore-failing-watch.log", "watch", "lab");
    cluster.lab.exec(failing, "sh", "-c", MEND_ETCDUTL);

    assertEquals(1, watched.exitCode(), watched.output());
    assertTrue(watched.output().contains(failing), watched.output());
    assertTrue(
        watched.output().contains("was put back on the etcd data it had before the restore"),
        watched.output());
    assertTrue(watched.output().contains("the API answers through"), watched.output());
    assertTrue(
        k8s.kubectl("get", "configmaps", "-o", "name").contains("kept-through-the-failed-restore"),
        "the control planes run on the data they had");
    assertEquals(List.of(), k8s.problems(), "nodes Ready, every etcd member, the API");
    for (HostSpec m : cluster.inventory.controlPlanes()) {
      assertEquals("2", previousDataDirs(m.name()), m.name() + ": the data dir was put back");
      assertEquals(
          "",
          cluster
              .lab
              .exec(
                  m.name(),
                  "sh",
                  "-c",
                  "ls -d /var/lib/etcd.kubeha-restore-* /var/lib/kubeha/restore-* 2>/dev/null || true")
              .stdout()
              .strip(),
          m.name() + ": nothing of the failed restore left");
    }

    Launched third =
        launch("restore-3.log", "restore", "--snapshot", snapshot.path(), "-f", inventory, "--yes");
    assertEquals(0, third.exitCode(), third.output());
    assertFalse(
        k8s.kubectl("get", "configmaps", "-o", "name").contains("kept-through-the-failed-restore"),
        "the third restore took the cluster back to the snapshot");
    assertEquals(List.of(), k8s.problems());
  }

  @Test
  @Order(5)
  void aCertificateRenewalThroughTheCliExitsZeroWithNewCertificatesOnEveryControlPlane()
      throws Exception {
    java.util.Map<String, String> before = new java.util.TreeMap<>();
    for (HostSpec m : cluster.inventory.controlPlanes()) {
      before.put(m.name(), apiServerCertStart(m.name()));
    }
    Launched renew = launch("certs-renew.log", "certs", "renew", "--all", "--yes", "-f", inventory);
    assertEquals(0, renew.exitCode(), renew.output());
    for (HostSpec m : cluster.inventory.controlPlanes()) {
      assertFalse(
          before.get(m.name()).equals(apiServerCertStart(m.name())),
          m.name() + ": the API server's certificate was renewed (notBefore " + before + ")");
    }
    assertEquals(List.of(), k8s().problems(), "the cluster is healthy after the renewal");
  }

  private String apiServerCertStart(String host) {
    return cluster
        .lab
        .exec(
            host,
            "openssl",
            "x509",
            "-noout",
            "-startdate",
            "-in",
            "/etc/kubernetes/pki/apiserver.crt")
        .stdout()
        .strip();
  }

  /** etcdutl on a node made to fail its restores, the real one kept beside it. */
  private static final String BREAK_ETCDUTL =
      "cp /usr/local/bin/etcdutl /usr/local/bin/etcdutl.real && printf '#!/bin/sh\\ncase \"$*\" in"
          + " *\"snapshot restore\"*) echo injected failure >&2; exit 1;; esac\\nexec"
          + " /usr/local/bin/etcdutl.real \"$@\"\\n' > /usr/local/bin/etcdutl.new && chmod 755"
          + " /usr/local/bin/etcdutl.new && mv /usr/local/bin/etcdutl.new /usr/local/bin/etcdutl";

  private static final String MEND_ETCDUTL =
      "mv /usr/local/bin/etcdutl.real /usr/local/bin/etcdutl";

  private String previousDataDirs(String host) {
    return cluster
        .lab
        .exec(host, "sh", "-c", "ls -d /var/lib/etcd.kubeha-before-* | wc -l")
        .stdout()
        .strip();
  }

  private EtcdSnapshot newest() throws Exception {
    return new SnapshotStore(backups).list().stream().reduce((a, b) -> b).orElseThrow();
  }

  /** A CLI process, as the ./kubeha launcher runs it, to its exit: its code and what it printed. */
  private Launched launch(String log, String... args) throws Exception {
    Path file = state.resolve(log);
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--address";
    all[args.length + 1] = cluster.server.address();
    try (ChildJvm cli = ChildJvm.start(file, Map.of(), Kubeha.class.getName(), all)) {
      java.util.OptionalInt exit = cli.awaitExit(LabCluster.RUN_TIMEOUT);
      assertTrue(exit.isPresent(), "kubeha " + String.join(" ", args) + " still runs");
      return new Launched(exit.getAsInt(), Files.readString(file));
    }
  }

  record Launched(int exitCode, String output) {}

  private ChildJvm startWorker(String log) throws Exception {
    return ChildJvm.start(
        state.resolve(log), Map.of(), KubehaWorker.class.getName(), cluster.server.address());
  }

  private Cli cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--address";
    all[args.length + 1] = cluster.server.address();
    return Cli.run(all);
  }

  private LabKubernetes k8s() {
    return new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
  }

  private String temporal(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(TemporalCli.locate().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", cluster.server.address()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    return out;
  }

  /** A condition polled with a deadline; it may throw (a CLI call), which counts as not yet. */
  interface Condition {
    boolean holds() throws Exception;
  }

  /** The Deployment's Ready replicas, 0 while it does not exist or kubectl fails. */
  private static int readyReplicas(LabKubernetes k8s, String deployment) {
    try {
      String n =
          k8s.kubectl(
                  "get",
                  "deployment",
                  deployment,
                  "--ignore-not-found",
                  "-o",
                  "jsonpath={.status.readyReplicas}")
              .strip();
      return n.isEmpty() ? 0 : Integer.parseInt(n);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static void await(String what, Condition condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!holds(condition)) {
      assertTrue(System.nanoTime() < end, "gave up waiting for " + what);
      Thread.sleep(500); // the polling interval, not a synchronisation
    }
  }

  private static boolean holds(Condition condition) {
    try {
      return condition.holds();
    } catch (Exception | AssertionError e) {
      return false;
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
