package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.ClusterBringUp;
import io.kubeha.workflow.HostStatus;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bring-up of the default lab that loses its worker (kill -9) during node prep, its Temporal
 * server (kill -9, restarted on the same SQLite file) during time sync or LB setup, and its worker
 * again during the control-plane joins; it must still finish with nothing applied twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashResumeTest {
  private static final Duration FAULT_DEADLINE = Duration.ofMinutes(5);
  private static final Set<Phase> SERVER_KILL_PHASES = Set.of(Phase.SYNC_TIME_CLIENTS, Phase.CONFIGURE_LOAD_BALANCERS);

  @TempDir static Path state;
  final Random random = new Random(Long.getLong("kubeha.seed", 20261125L));
  final List<String> faultReport = new ArrayList<>();
  LabCluster cluster;
  LabChecks lab;
  LabSecrets secrets;
  Path workerLog;
  WorkerProcess worker;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(3, 3, 2, state);
    lab = new LabChecks(cluster.lab, cluster.inventory);
    workerLog = state.resolve("worker.log");
  }

  @AfterAll
  void down() throws Exception {
    if (secrets != null) secrets.close();
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void finishesAfterKill9OfTheWorkerTwiceAndOfTheServerOnceWithNothingAppliedTwice() throws Exception {
    secrets = LabSecrets.watch(lab);
    worker = WorkerProcess.start(cluster.server.address(), workerLog);
    Instant start = Instant.now();
    WorkflowStub run = cluster.startRun(true);

    await("node prep under way", () -> phase() == Phase.PREPARE_NODES && maxStepsDone() >= 3);
    fault("worker kill -9 during " + phase() + " (max steps done on a host: " + maxStepsDone() + ")", this::replaceWorker);

    await("time sync or LB phase", () -> SERVER_KILL_PHASES.contains(phase()));
    fault("server kill -9 during " + phase(), () -> cluster.killAndRestartServer(randomDelay()));

    // The moment a kubeadm join job has started on a host: the effect is under way or done, its result not recorded.
    await("a control-plane join job started", 10, () -> !lab.hostsWithStartedJob(".join").isEmpty());
    fault("worker kill -9 with a join job started on " + lab.hostsWithStartedJob(".join")
        + " (joins finished per the lab: " + lab.calls("kubeadm", "join").keySet() + ")", this::replaceWorker);

    BringUpResult result = cluster.await(run);
    long wall = Duration.between(start, Instant.now()).toMillis();
    LabBringUpTest.print("run with faults, wall " + wall + " ms", result);
    faultReport.forEach(System.out::println);
    assertTrue(result.verify().ok(), "verify: " + result.verify());

    String first = cluster.inventory.firstControlPlane().name();
    List<String> others = cluster.inventory.nodes().stream().map(HostSpec::name).filter(n -> !n.equals(first)).toList();
    assertEquals(Map.of(first, 1), lab.calls("kubeadm", "init --config"), "kubeadm init exactly once");
    assertEquals(others.stream().collect(Collectors.toMap(n -> n, n -> 1)), lab.calls("kubeadm", "join"),
        "each other node joined exactly once");
    for (HostSpec h : cluster.inventory.hosts()) {
      assertEquals(1, lab.hostsBlocks(h.name()), h.name() + ": the /etc/hosts block once");
    }

    RunHistory history = RunHistory.fetch(cluster.client, cluster.workflowId());
    List<RunHistory.Applied> applied = history.applied();
    Map<String, Long> changes = applied.stream().filter(RunHistory.Applied::changed)
        .collect(Collectors.groupingBy(a -> a.host() + " " + a.stepId(), Collectors.counting()));
    Map<String, Long> twice = changes.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf("history: %d executions, %d completed steps, %d changed, re-applied %d%n",
        history.executions(), applied.size(), changes.size(), twice.size());
    assertTrue(applied.size() > 80, "the history holds the run's step results: " + applied.size());
    assertEquals(Map.of(), twice, "no finished step applied twice");
  }

  @Test
  @Order(2)
  void noSecretReachesTheHistoriesTheWorkerLogsOrTheCallLogs() throws Exception {
    Set<String> tokens = secrets.tokens();
    Set<String> keys = secrets.certificateKeys();
    assertTrue(tokens.size() >= cluster.inventory.nodes().size() - 1, "the lab saw a token per join: " + tokens.size());
    assertTrue(keys.size() >= 1, "the lab saw a certificate key");
    Map<String, String> needles = new TreeMap<>();
    tokens.forEach(t -> needles.put(t.substring(t.indexOf('.') + 1), "token secret of " + t.substring(0, t.indexOf('.'))));
    keys.forEach(k -> needles.put(k, "certificate key " + k.substring(0, 6) + "..."));
    privateKeyLines().forEach(l -> needles.put(l, "a line of the SSH private key"));
    needles.put("auth_pass", "a VRRP secret");
    for (HostSpec lb : cluster.inventory.loadBalancers()) {
      cluster.lab.exec(lb.name(), "cat", "/etc/keepalived/keepalived.conf").stdout().lines()
          .map(String::trim).filter(l -> l.startsWith("auth_pass"))
          .forEach(l -> needles.put(l.substring("auth_pass".length()).trim(), "the VRRP auth_pass of " + lb.name()));
    }

    String history = RunHistory.fetch(cluster.client, cluster.workflowId()).dump();
    assertTrue(history.contains("stepId"), "the dump shows payloads as text, so a secret in one would be found");
    String workerLogs = Files.readString(workerLog);
    String callLogs = cluster.inventory.hosts().stream()
        .flatMap(h -> cluster.lab.callLog(h.name()).stream()).collect(Collectors.joining("\n"));
    System.out.printf("searched %d secrets (%d tokens, %d certificate keys) in %d chars of history, %d of worker"
        + " logs, %d of call logs%n", needles.size(), tokens.size(), keys.size(), history.length(), workerLogs.length(),
        callLogs.length());
    List<String> found = new ArrayList<>();
    needles.forEach((needle, what) -> {
      leak(history, needle).ifPresent(at -> found.add(what + " in the workflow histories: " + at));
      leak(workerLogs, needle).ifPresent(at -> found.add(what + " in the worker logs: " + at));
      leak(callLogs, needle).ifPresent(at -> found.add(what + " in the lab's call logs: " + at));
    });
    assertEquals(List.of(), found, "secrets leaked");
  }

  /** Where needle occurs in text: the surrounding characters with the secret masked, so the report leaks nothing. */
  private static Optional<String> leak(String text, String needle) {
    int at = text.indexOf(needle);
    if (at < 0) {
      return Optional.empty();
    }
    String around = text.substring(Math.max(0, at - 120), Math.min(text.length(), at + needle.length() + 40));
    return Optional.of("..." + around.replace(needle, "<SECRET>").replace('\n', ' ') + "...");
  }

  /** The base64 lines of the inventory's SSH private key. */
  private List<String> privateKeyLines() throws Exception {
    String keyPath = cluster.inventory.spec().ssh().keyPath().replaceFirst("^~", System.getProperty("user.home"));
    List<String> lines = Files.readAllLines(cluster.lab.inventoryPath().getParent().resolve(keyPath)).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("-----")).toList();
    assertTrue(lines.size() >= 3, "the private key has a base64 body: " + keyPath);
    return lines;
  }

  /** Kills the worker, and starts a new one after a random delay. */
  private void replaceWorker() throws Exception {
    worker.kill9();
    Thread.sleep(randomDelay().toMillis()); // the outage being simulated, not a synchronisation
    worker = WorkerProcess.start(cluster.server.address(), workerLog);
  }

  private Duration randomDelay() {
    return Duration.ofMillis(1000 + random.nextInt(3000));
  }

  /** Injects a fault, then measures how long until the run shows progress again (a phase or a step further). */
  private void fault(String what, ThrowingRunnable inject) throws Exception {
    Phase phaseBefore = phase();
    int doneBefore = totalStepsDone();
    Instant at = Instant.now();
    inject.run();
    await("progress after: " + what, () -> phase() != phaseBefore || totalStepsDone() > doneBefore);
    faultReport.add(String.format("fault: %-70s progress again after %5.1f s", what,
        Duration.between(at, Instant.now()).toMillis() / 1000.0));
  }

  private Phase phase() {
    try {
      return bringUp().phase().phase();
    } catch (RuntimeException e) {
      return null; // no worker or no server answers right now
    }
  }

  private List<HostStatus> hosts() {
    try {
      return bringUp().hosts();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private int maxStepsDone() {
    return hosts().stream().mapToInt(HostStatus::stepsDone).max().orElse(0);
  }

  private int totalStepsDone() {
    return hosts().stream().mapToInt(HostStatus::stepsDone).sum();
  }

  private ClusterBringUp bringUp() {
    return cluster.client.newWorkflowStub(ClusterBringUp.class, cluster.workflowId());
  }

  private static void await(String what, Supplier<Boolean> done) throws InterruptedException {
    await(what, 50, done);
  }

  /** Polls every pollMillis (10 ms for a cheap condition that holds only briefly) until done, or fails at the deadline. */
  private static void await(String what, long pollMillis, Supplier<Boolean> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(FAULT_DEADLINE);
    while (!done.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + FAULT_DEADLINE + ": " + what);
      }
      Thread.sleep(pollMillis); // polling interval of a wait with a deadline
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
