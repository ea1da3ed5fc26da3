package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.Failures;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker host gets a new SSH host key during node prep, and the worker restarts (so it must
 * connect afresh): that host stops with a non-retryable HostKeyMismatch naming it and the offered
 * fingerprint, and no session is opened on it after the key changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostKeyChangeTest {
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  @TempDir static Path state;
  LabCluster cluster;
  ChildJvm worker;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(1, 1, 2, state);
  }

  @AfterAll
  void down() throws Exception {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  void aChangedHostKeyStopsThatHostWithTheOfferedFingerprintAndNothingMoreIsSent()
      throws Exception {
    Path log = state.resolve("worker.log");
    String target = cluster.inventory.workers().get(0).name();
    worker = ChildJvm.worker(cluster, log);
    WorkflowStub run = cluster.startRun(false);
    await("node prep under way on " + target, () -> stepsDone(target) >= 2);

    String offered = fingerprint(cluster.lab.rekey(target));
    worker.kill9(); // the pooled connection dies with it: the next worker must connect and meet the
    // new key
    int sessionsAtRekey = acceptedSessions(target);
    Instant restarted = Instant.now();
    worker = ChildJvm.worker(cluster, log);

    WorkflowFailedException failed =
        assertThrows(
            WorkflowFailedException.class,
            () ->
                run.getResult(
                    DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS, Object.class));
    long seconds = Duration.between(restarted, Instant.now()).toSeconds();
    String chain = causes(failed);
    System.out.printf(
        "rekey of %s (offers %s): the run failed %d s after the new worker started:%n%s%n",
        target, offered, seconds, chain);
    assertEquals(
        1, hostKeyMismatches(target), "one attempt met the new key, and it was not retried");
    assertTrue(chain.contains(target), "the failure names the host: " + chain);
    assertTrue(
        chain.contains(offered),
        "the failure names the offered fingerprint " + offered + ": " + chain);
    assertEquals(
        sessionsAtRekey,
        acceptedSessions(target),
        "no SSH session on " + target + " after its key changed");
  }

  private int stepsDone(String host) {
    try {
      var wf = cluster.client.newWorkflowStub(ClusterBringUp.class, cluster.workflowId());
      if (wf.phase().phase() != Phase.PREPARE_NODES) {
        return 0;
      }
      return wf.hosts().stream()
          .filter(h -> h.host().equals(host))
          .mapToInt(HostStatus::stepsDone)
          .sum();
    } catch (RuntimeException e) {
      return 0; // not answering yet
    }
  }

  /** Activity failures of type HostKeyMismatch in the host's HostPrep history. */
  private long hostKeyMismatches(String host) {
    return cluster
        .client
        .fetchHistory(WorkflowIds.host(cluster.inventory.clusterName(), host))
        .getEvents()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
        .map(e -> e.getActivityTaskFailedEventAttributes().getFailure())
        .filter(f -> f.getApplicationFailureInfo().getType().equals(Failures.HOST_KEY_MISMATCH))
        .count();
  }

  /** Logins sshd accepted on the host so far (its journal). */
  private int acceptedSessions(String host) {
    return (int)
        cluster
            .lab
            .exec(host, "journalctl", "--no-pager", "-o", "cat")
            .stdout()
            .lines()
            .filter(l -> l.startsWith("Accepted publickey"))
            .count();
  }

  /**
   * The SHA256 fingerprint of a known_hosts line "HOST TYPE BASE64", as ssh-keygen -l prints it.
   */
  static String fingerprint(String knownHostsLine) throws Exception {
    String[] f = knownHostsLine.trim().split("\\s+");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(f[2]));
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
  }

  private static String causes(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.append("  ")
          .append(c.getClass().getSimpleName())
          .append(": ")
          .append(c.getMessage())
          .append('\n');
    }
    return out.toString();
  }

  private static void await(String what, Supplier<Boolean> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!done.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not reached within " + DEADLINE + ": " + what);
      }
      Thread.sleep(100); // polling interval of a wait with a deadline
    }
  }
}
