package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubeha.activity.CertificateActivities;
import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.EtcdBackupActivities;
import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.FetchSnapshotInput;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.PruneSnapshotsInput;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.SnapshotInput;
import io.kubeha.activity.SshTarget;
import io.kubeha.files.AllowedRoots;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.ssh.SshConnections;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activities that read, write or delete the operator's files refuse a path a workflow input
 * names outside the worker's allowed roots before touching it (or the host), and pruning deletes
 * only in the backup directory whatever its records say.
 */
class LocalPathsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path home;
  Path outside;
  SshConnections connections;
  TestActivityEnvironment env;
  SshTarget node;
  EtcdBackupActivities backups;
  EtcdRestoreActivities restore;
  CertificateActivities certs;
  ClusterActivities cluster;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("admin.conf"), "the operator's other cluster\n");
    Files.writeString(outside.resolve("victim"), "not kubeha's\n");
    Files.writeString(outside.resolve("secret.db"), "someone's snapshot\n");
    Path theirs = Files.createDirectories(outside.resolve("backups"));
    record(theirs, snapshot("old.db", "2020-01-01T00:00:00Z", theirs.resolve("old.db")));
    record(theirs, snapshot("new.db", "2021-01-01T00:00:00Z", theirs.resolve("new.db")));
    AllowedRoots roots = AllowedRoots.of(home);
    connections = new SshConnections(roots);
    // Nothing answers there: a test that got as far as the host would fail differently.
    node =
        new SshTarget(
            "kube-master-1",
            "127.0.0.1",
            1,
            "root",
            home.resolve("key").toString(),
            home.resolve("known_hosts").toString());
    String base = dir.resolve("host-state").toString();
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new EtcdBackups(connections, base, roots),
        new EtcdRestore(connections, base, roots),
        new Certificates(connections, base, roots),
        new ClusterActivitiesImpl(
            connections,
            new StepExecutor(base, new ArtifactCache(home.resolve("cache")), roots),
            base,
            roots));
    ActivityOptions once =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    backups = env.newActivityStub(EtcdBackupActivities.class, once);
    restore = env.newActivityStub(EtcdRestoreActivities.class, once);
    certs = env.newActivityStub(CertificateActivities.class, once);
    cluster = env.newActivityStub(ClusterActivities.class, once);
  }

  @AfterEach
  void tearDown() {
    env.close();
    connections.close();
  }

  @Test
  void aSnapshotToRestoreOutsideIsRefusedBeforeItIsRead() throws Exception {
    Files.createSymbolicLink(home.resolve("link.db"), outside.resolve("secret.db"));
    Map<Path, String> before = contents(outside);
    for (String hostile :
        List.of(
            outside.resolve("secret.db").toString(),
            home + "/../outside/secret.db",
            home.resolve("link.db").toString())) {
      refused("RestoreInput.snapshotPath", () -> restore.readLocalSnapshot(hostile));
      refused(
          "RestoreInput.snapshotPath",
          () ->
              restore.uploadSnapshot(
                  new RestoreNodeInput(
                      node, "r1", hostile, "0".repeat(64), "m", "u", "c", "t", 0)));
    }
    assertEquals(before, contents(outside));
    assertEquals(0, connections.connectionsOpened("kube-master-1"));
  }

  @Test
  void aBackupDirOutsideIsRefusedAndNothingInItIsListedWrittenOrDeleted() throws Exception {
    Map<Path, String> before = contents(outside);
    String theirs = outside.resolve("backups").toString();
    refused("BackupInput.dir", () -> backups.listSnapshots(theirs));
    refused("BackupInput.dir", () -> backups.pruneSnapshots(new PruneSnapshotsInput(theirs, 1)));
    SnapshotInput into = new SnapshotInput(node, "n.db", "2022-01-01T00:00:00Z", theirs);
    refused("BackupInput.dir", () -> backups.saveSnapshot(into));
    refused(
        "BackupInput.dir",
        () ->
            backups.fetchSnapshot(
                new FetchSnapshotInput(into, snapshot("n.db", "2022-01-01T00:00:00Z", null))));
    refused(
        "BackupInput.dir",
        () -> backups.listSnapshots(outside.resolve("not-yet/backups").toString()));
    assertEquals(before, contents(outside));
    assertFalse(Files.exists(outside.resolve("not-yet")));
    assertEquals(0, connections.connectionsOpened("kube-master-1"));
  }

  @Test
  void pruningDeletesOnlyTheDirectorysOwnFilesWhateverTheRecordsSay() throws Exception {
    Path mine = Files.createDirectories(home.resolve("backups"));
    // Its name is its file's, its path points out: the file here is the one pruned.
    record(mine, snapshot("a.db", "2020-01-01T00:00:00Z", outside.resolve("victim")));
    // Its name points out: not one of this directory's snapshots at all.
    Files.writeString(
        mine.resolve("b.db.json"),
        JSON.writeValueAsString(
            snapshot("../outside/victim", "2019-01-01T00:00:00Z", outside.resolve("victim"))));
    Files.writeString(mine.resolve("b.db"), "b");
    record(mine, snapshot("c.db", "2021-01-01T00:00:00Z", mine.resolve("c.db")));
    Map<Path, String> before = contents(outside);

    List<EtcdSnapshot> listed = backups.listSnapshots(mine.toString());
    assertEquals(List.of("a.db", "c.db"), listed.stream().map(EtcdSnapshot::name).toList());
    assertEquals(mine.resolve("a.db").toString(), listed.get(0).path());

    assertEquals(
        List.of("a.db"), backups.pruneSnapshots(new PruneSnapshotsInput(mine.toString(), 1)));
    assertEquals(before, contents(outside));
    assertFalse(Files.exists(mine.resolve("a.db")));
    assertFalse(Files.exists(mine.resolve("a.db.json")));
    assertTrue(Files.exists(mine.resolve("b.db")));
    assertTrue(Files.exists(mine.resolve("c.db")));
  }

  @Test
  void aSnapshotNameThatIsAPathIsRefused() throws Exception {
    Path mine = Files.createDirectories(home.resolve("backups"));
    SnapshotInput into = new SnapshotInput(node, "n.db", "2022-01-01T00:00:00Z", mine.toString());
    for (String name : List.of("../../outside/victim", "..", "a/b")) {
      ActivityFailure f =
          assertThrows(
              ActivityFailure.class,
              () ->
                  backups.fetchSnapshot(
                      new FetchSnapshotInput(into, snapshot(name, "2022-01-01T00:00:00Z", null))));
      assertEquals("BadSnapshotName", ((ApplicationFailure) f.getCause()).getType());
    }
    assertEquals("not kubeha's\n", Files.readString(outside.resolve("victim")));
    assertEquals(0, connections.connectionsOpened("kube-master-1"));
  }

  @Test
  void anAdminConfPathOutsideIsRefusedBeforeTheHostIsTouched() throws Exception {
    Map<Path, String> before = contents(outside);
    String hostile = outside.resolve("admin.conf").toString();
    refused("adminConfPath", () -> certs.saveAdminConf(node, hostile));
    Step init =
        new Step("kubeadm-init", Phase.values()[0], "init", List.of(), List.of(), List.of());
    refused(
        "adminConfPath", () -> cluster.initFirstControlPlane(new InitInput(node, init, hostile)));
    refused(
        "adminConfPath",
        () ->
            cluster.initFirstControlPlane(
                new InitInput(node, init, home + "/../outside/new/admin.conf")));
    assertEquals(before, contents(outside));
    assertFalse(Files.exists(outside.resolve("new")));
    assertEquals(0, connections.connectionsOpened("kube-master-1"));
  }

  private static void refused(String field, Executable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call);
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals(AllowedRoots.NOT_ALLOWED, cause.getType(), cause.getOriginalMessage());
    assertTrue(cause.isNonRetryable());
    assertTrue(cause.getOriginalMessage().startsWith(field + " "), cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("--allow-path DIR"));
  }

  private static EtcdSnapshot snapshot(String name, String takenAt, Path path) {
    return new EtcdSnapshot(
        name, "kube-master-1", takenAt, 7, 10, 100, 1, "0".repeat(64), path + "");
  }

  private static void record(Path dir, EtcdSnapshot s) throws Exception {
    Files.writeString(dir.resolve(s.name()), "snapshot " + s.name());
    Files.writeString(dir.resolve(s.name() + ".json"), JSON.writeValueAsString(s));
  }

  /** Every file under root with its content and modification time. */
  private static Map<Path, String> contents(Path root) throws Exception {
    Map<Path, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.readString(p) + "@" + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }
}
