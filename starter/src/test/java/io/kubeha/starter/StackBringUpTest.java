package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.campaign.CampaignChecks;
import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.Phase;
import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.ChildJvm;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.LabChecks;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.RunHistory;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bring-up on scripts/temporal-stack, killing a worker, the server and PostgreSQL: verified,
 * nothing done twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackBringUpTest {
  private static final Duration PHASE_DEADLINE = Duration.ofMinutes(5);
  // Fewer step results than this per host means the histories are too thin to judge "nothing
  // applied twice".
  private static final int STEP_RESULTS_PER_HOST = 10;

  /**
   * One fault: what was killed, the phase the run was in, seconds into the run, and what followed.
   */
  private record Strike(String fault, Phase phase, double atSeconds, String effect) {}

  @TempDir static Path state;
  TemporalStackScript stack;
  LabCluster cluster;
  final List<ChildJvm> workers = new ArrayList<>();
  final List<Strike> strikes = new ArrayList<>();
  long runStart;

  /**
   * The stack on free ports with its state here, a lab of 1 master, 1 worker and 2 LBs (the strikes
   * need no more), two kubeha workers.
   */
  @BeforeAll
  void up() throws Exception {
    TemporalStackScript.assumeInstalled();
    stack = TemporalStackScript.onFreePorts(state);
    Run up = stack.run(TemporalStackScript.FIRST_UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    cluster = LabCluster.onServer(1, 1, 2, stack.address(), stack.security(), state);
    workers.add(startWorker("worker-1.log"));
    workers.add(startWorker("worker-2.log"));
  }

  @AfterAll
  void down() throws Exception {
    try {
      for (ChildJvm w : workers) {
        w.close();
      }
    } finally {
      try {
        if (cluster != null) {
          cluster.close();
        }
      } finally {
        stackDown();
      }
    }
  }

  @Test
  void bringsUpTheClusterThroughKillsOfAWorkerTheServerAndPostgreSql() throws Exception {
    runStart = System.nanoTime();
    WorkflowStub run = cluster.startRun(false);
    killOneWorkerAt(Phase.PREPARE_NODES);
    killAndBringBack("server", Phase.START_TIME_SERVER);
    killAndBringBack("postgres", Phase.CONFIGURE_LOAD_BALANCERS);
    BringUpResult result = cluster.await(run);
    double seconds = secondsIntoRun();
    RunHistory history = RunHistory.fetch(cluster.client, cluster.workflowId());
    report(result, seconds, history);

    assertTrue(result.verify().ok(), "verify: " + result.verify());
    assertEquals(
        List.of(),
        new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf()).problems(),
        "the real cluster: every node Ready, one etcd member per master, /readyz through the VIP");
    kubeadmRanOncePerNode();
    assertEquals(
        List.of(),
        CampaignChecks.reapplied(history, STEP_RESULTS_PER_HOST * cluster.inventory.hosts().size()),
        "no finished step applied (changed=true) twice across the histories");
    bothWorkersTookWork(history);
  }

  /**
   * kill -9 of the first worker once the run prepares nodes and that worker has started an activity
   * whose attempt is in the history (so both workers' work shows there: fresh-ci of 89b05c4 killed
   * it with only attempts under way, which the survivor's retries then named); it is not restarted,
   * the second carries the run.
   */
  private void killOneWorkerAt(Phase phase) throws InterruptedException {
    Phase seen = awaitPhase(phase);
    ChildJvm victim = workers.get(0);
    TestTemporal.waitUntil(
        "worker " + victim.pid() + " has an activity in the history",
        PHASE_DEADLINE,
        () ->
            RunHistory.fetch(cluster.client, cluster.workflowId())
                .activitiesByWorker()
                .keySet()
                .stream()
                .anyMatch(id -> id.startsWith(victim.pid() + "@")));
    victim.kill9();
    strikes.add(
        new Strike(
            "worker-kill",
            seen,
            secondsIntoRun(),
            "pid " + victim.pid() + " killed, not restarted"));
  }

  /**
   * kill -9 of one part of the stack once the run is at phase or later, then `up`, which must bring
   * it back.
   */
  private void killAndBringBack(String part, Phase phase) {
    Phase seen = awaitPhase(phase);
    double at = secondsIntoRun();
    Map<String, Long> before = stack.pids();
    Long pid = before.get(part);
    assertNotNull(pid, part + " is not up before its kill: " + before);
    Run kill = stack.run(TemporalStackScript.UP, "kill", part);
    assertEquals(0, kill.exitCode(), kill.output());
    TemporalStackScript.waitForExit(pid);
    long upStart = System.nanoTime();
    Run up = stack.run(TemporalStackScript.UP, "up");
    assertEquals(0, up.exitCode(), "up after kill " + part + ": " + up.output());
    double upSeconds = (System.nanoTime() - upStart) / 1e9;
    Map<String, Long> after = stack.pids();
    assertNotEquals(pid, after.get(part), part + " has the same pid after its kill");
    strikes.add(
        new Strike(
            part + "-kill",
            seen,
            at,
            String.format("up in %.1f s; pids before %s, after %s", upSeconds, before, after)));
  }

  /**
   * The run's phase once it is phase or a later one, polled with a deadline; a query that fails
   * (the server is restarting, the killed worker held the workflow's sticky queue) counts as not
   * yet. Fails if the run had ended.
   */
  private Phase awaitPhase(Phase phase) {
    ClusterBringUp run = cluster.client.newWorkflowStub(ClusterBringUp.class, cluster.workflowId());
    AtomicReference<Phase> seen = new AtomicReference<>();
    // TestTemporal.waitUntil sleeps 100 ms between polls: a polling interval inside the deadline.
    TestTemporal.waitUntil(
        "the run reaches " + phase,
        PHASE_DEADLINE,
        () -> {
          PhaseView view = run.phase();
          seen.set(view.phase());
          return view.phase() != null && view.phase().compareTo(phase) >= 0;
        });
    assertTrue(
        seen.get().compareTo(Phase.VERIFY_CLUSTER) <= 0,
        "the fault for " + phase + " came too late: the run was already " + seen.get());
    return seen.get();
  }

  /**
   * The call logs: kubeadm init once, on the first master; kubeadm join once on every other node.
   */
  private void kubeadmRanOncePerNode() {
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    String first = cluster.inventory.firstControlPlane().name();
    // "init --config": the join activity's `kubeadm init phase upload-certs` on the first master is
    // not an init.
    assertEquals(
        Map.of(first, 1), lab.calls("kubeadm", "init --config"), "kubeadm init exactly once");
    Map<String, Integer> joins =
        cluster.inventory.nodes().stream()
            .map(HostSpec::name)
            .filter(n -> !n.equals(first))
            .collect(Collectors.toMap(n -> n, n -> 1));
    assertEquals(
        joins, lab.calls("kubeadm", "join --config"), "each other node joined exactly once");
  }

  /**
   * Each worker's identity (pid@hostname) on activities it started: the killed one before its kill,
   * the survivor.
   */
  private void bothWorkersTookWork(RunHistory history) {
    Map<String, Integer> byWorker = history.activitiesByWorker();
    assertTrue(byWorker.size() >= 2, "activities of fewer than two workers: " + byWorker);
    for (ChildJvm w : workers) {
      assertTrue(
          byWorker.keySet().stream().anyMatch(id -> id.startsWith(w.pid() + "@")),
          "no activity of the worker with pid " + w.pid() + ": " + byWorker);
    }
  }

  /**
   * The run's phases, its time and what each fault did, as "bench stack-bring-up" lines for the
   * notes.
   */
  private void report(BringUpResult result, double seconds, RunHistory history) {
    LabCluster.print("bring-up on scripts/temporal-stack", result);
    System.out.printf(
        "bench stack-bring-up run-s %.1f hosts %d workers %d executions %d%n",
        seconds, cluster.inventory.hosts().size(), workers.size(), history.executions());
    for (Strike s : strikes) {
      System.out.printf(
          "bench stack-bring-up %s at %s +%.1f s: %s%n",
          s.fault(), s.phase(), s.atSeconds(), s.effect());
    }
    System.out.printf(
        "bench stack-bring-up activities-by-worker %s%n", history.activitiesByWorker());
  }

  private double secondsIntoRun() {
    return (System.nanoTime() - runStart) / 1e9;
  }

  private ChildJvm startWorker(String log) throws Exception {
    // The worker's main reads the stack's client certificate from the temporal CLI's variables,
    // and the directories it may use (admin.conf here, the lab's key) from $KUBEHA_ALLOWED_PATHS.
    return ChildJvm.start(
        state.resolve(log),
        ChildJvm.allowing(stack.tlsEnvironment(), cluster.workerPaths()),
        KubehaWorker.class.getName(),
        stack.address());
  }

  /** `down`, which must leave no process of the stack behind. */
  private void stackDown() {
    if (stack == null || !Files.isDirectory(stack.state())) {
      return;
    }
    Run down = stack.run(TemporalStackScript.UP, "down");
    assertEquals(0, down.exitCode(), down.output());
    assertEquals(List.of(), stack.processes(), "processes of the stack after down");
  }
}
