package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.files.AllowedRoots;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.SshSpec;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.plan.TestInventories;
import io.kubeha.ssh.SshConnections;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.check.CheckInput;
import io.kubeha.workflow.check.ClusterCheck;
import io.kubeha.workflow.engine.SearchAttributeKeys;
import io.kubeha.workflow.engine.TaskQueues;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.restore.RestoreInput;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.kubeha.workflow.upgrade.UpgradeInput;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows started directly through the SDK, as any client of Temporal may, on the worker's real
 * activities confined to one directory: a path outside it fails the first activity that would use
 * it, naming the field, before any file outside is read or written and before any host is reached.
 */
class HostilePathsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dir;
  Path home;
  Path outside;
  SshConnections connections;
  TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(dir.resolve("home"));
    outside = Files.createDirectories(dir.resolve("outside"));
    for (String f : List.of("id_ed25519", "known_hosts", "secret.db", "admin.conf")) {
      Files.writeString(outside.resolve(f), "the operator's " + f + "\n");
      Files.writeString(home.resolve(f), "");
    }
    AllowedRoots roots = AllowedRoots.of(home);
    connections = new SshConnections(roots);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .registerSearchAttribute(
                    SearchAttributeKeys.KUBEHA_PHASE.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    Worker worker = env.newWorker(TaskQueues.KUBEHA);
    worker.registerWorkflowImplementationTypes(KubehaWorker.WORKFLOWS.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(
        KubehaWorker.activities(env.getWorkflowClient(), connections, roots));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
    connections.close();
  }

  @Test
  void aRestoreOfASnapshotOutsideFailsNamingTheField() throws Exception {
    Inventory inv = withSsh(home.resolve("id_ed25519"), home.resolve("known_hosts"));
    String snapshot = home + "/../outside/secret.db";
    refused(
        ClusterRestore.class,
        "RestoreInput.snapshotPath",
        s -> WorkflowClient.start(s::run, new RestoreInput(inv, snapshot, false)));
  }

  @Test
  void aBringUpWithAKeyOutsideFailsNamingTheFieldBeforeAnyHost() throws Exception {
    Inventory inv = withSsh(outside.resolve("id_ed25519"), home.resolve("known_hosts"));
    String adminConf = home.resolve("admin.conf").toString();
    refused(
        ClusterBringUp.class,
        "ssh.keyPath",
        s -> WorkflowClient.start(s::run, new BringUpInput(inv, adminConf, true, false, true)));
  }

  @Test
  void anUpgradeWithKnownHostsBehindASymlinkOutFailsNamingTheField() throws Exception {
    Files.createSymbolicLink(home.resolve("hosts-link"), outside.resolve("known_hosts"));
    Inventory inv = withSsh(home.resolve("id_ed25519"), home.resolve("hosts-link"));
    refused(
        ClusterUpgrade.class,
        "ssh.knownHosts",
        s -> WorkflowClient.start(s::run, new UpgradeInput(inv, 1, 60, true)));
  }

  @Test
  void aCheckWithAKeyOutsideFailsNamingTheField() throws Exception {
    Inventory inv = withSsh(outside.resolve("id_ed25519"), outside.resolve("known_hosts"));
    refused(
        ClusterCheck.class,
        "ssh.",
        s -> WorkflowClient.start(s::run, new CheckInput(inv, CheckWorkload.DEFAULT_IMAGE, false)));
  }

  private <W> void refused(Class<W> type, String field, Consumer<W> start) throws Exception {
    Map<Path, String> before = contents(outside);
    String id = "hostile-path-" + type.getSimpleName();
    W stub =
        env.getWorkflowClient()
            .newWorkflowStub(
                type,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(id)
                    .setTaskQueue(TaskQueues.KUBEHA)
                    .setWorkflowRunTimeout(Duration.ofMinutes(5))
                    .build());
    start.accept(stub);
    Failure failure = awaitActivityFailure(id);
    String message = failure.getMessage();
    assertEquals(AllowedRoots.NOT_ALLOWED, failure.getApplicationFailureInfo().getType(), message);
    assertTrue(failure.getApplicationFailureInfo().getNonRetryable(), message);
    assertTrue(message.contains(field), field + " in " + message);
    assertTrue(message.contains(home.toRealPath().toString()), message);
    assertTrue(message.contains("--allow-path DIR"), message);
    assertEquals(before, contents(outside), "every file outside unchanged");
    for (HostSpec h : TestInventories.lab().hosts()) {
      assertEquals(0, connections.connectionsOpened(h.name()), h.name() + " was reached");
    }
  }

  /** The first failed activity of the run, once it is in its history. */
  private Failure awaitActivityFailure(String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      Optional<Failure> failed =
          env.getWorkflowClient().fetchHistory(id).getHistory().getEventsList().stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
              .map(HistoryEvent::getActivityTaskFailedEventAttributes)
              .map(a -> a.getFailure())
              .findFirst();
      if (failed.isPresent()) {
        return failed.get();
      }
      Thread.sleep(100); // polling interval of a wait with a deadline
    }
    throw new AssertionError("no activity of " + id + " failed within " + DEADLINE);
  }

  /** The lab's inventory (valid, hosts on 198.18.0.0/24) with its SSH files at key and hosts. */
  private static Inventory withSsh(Path key, Path knownHosts) {
    Inventory lab = TestInventories.lab();
    SshSpec ssh = lab.spec().ssh();
    return TestInventoryBuilder.from(lab)
        .ssh(new SshSpec(ssh.user(), ssh.port(), key + "", knownHosts + ""))
        .build();
  }

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
