package io.kubeha.steps;

import static io.kubeha.ssh.Conditions.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.ssh.CommandResult;
import io.kubeha.ssh.Heartbeat;
import io.kubeha.ssh.LoopbackSsh;
import io.kubeha.ssh.LoopbackSshd;
import io.kubeha.ssh.SshConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DetachedCommandTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();
  private Path root;
  private DetachedCommand detached;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("kubeha-jobs-");
    detached = new DetachedCommand(root.resolve("state").toString());
  }

  /** Counts its starts, then waits for the test to open a gate. */
  private String gatedJob(Path counter, Path gate) {
    return "n=$(cat "
        + counter
        + " 2>/dev/null || echo 0); echo $((n+1)) > "
        + counter
        + "; while [ ! -f "
        + gate
        + " ]; do sleep 0.05; done; echo job-output";
  }

  @Test
  void survivesADroppedConnectionAndIsNeverStartedTwice() throws Exception {
    Path counter = root.resolve("counter");
    Path gate = root.resolve("gate");
    String job = gatedJob(counter, gate);
    // Worker A: its own pool; once "killed", its heartbeat throws and its connection is closed
    // under it.
    SshConnections workerA = new SshConnections(LoopbackSshd.tempRoots());
    AtomicBoolean killed = new AtomicBoolean();
    Heartbeat dies =
        details -> {
          if (killed.get()) {
            throw new IllegalStateException("worker A is gone");
          }
        };
    CompletableFuture<CommandResult> first =
        CompletableFuture.supplyAsync(
            () -> detached.run(workerA.shell(SSH.target(), dies), "init.kubeadm", job, TIMEOUT));
    assertTrue(waitUntil(() -> Files.exists(counter)), "job started");
    killed.set(true);
    workerA.close();
    ExecutionException dropped =
        assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS));
    assertTrue(dropped.getCause() instanceof RuntimeException, String.valueOf(dropped.getCause()));

    // Worker B re-attaches over a connection of its own while the job still runs.
    CompletableFuture<CommandResult> reattached =
        CompletableFuture.supplyAsync(
            () -> detached.run(SSH.shell(), "init.kubeadm", job, TIMEOUT));
    assertTrue(
        waitUntil(() -> SSH.connections().connectionsOpened("loop") == 1), "worker B connected");
    Files.createFile(gate);
    CommandResult result = reattached.get(30, TimeUnit.SECONDS);
    assertEquals(0, result.exitCode());
    assertTrue(result.stdout().contains("job-output"), result.stdout());
    assertEquals("1", Files.readString(counter).trim());

    // A later attach reads the recorded result; it does not start the job again.
    assertEquals(0, detached.run(SSH.shell(), "init.kubeadm", job, TIMEOUT).exitCode());
    assertEquals("1", Files.readString(counter).trim());
  }

  @Test
  void theJobsDirectoryCommandAndLogAreTheOwnersOnly() throws Exception {
    CommandResult done = detached.run(SSH.shell(), "perms", "echo hello; umask", TIMEOUT);
    assertEquals(0, done.exitCode());
    assertTrue(done.stdout().contains("0022"), "the job keeps the usual umask: " + done.stdout());
    Path dir = Path.of(detached.jobDir("perms"));
    assertEquals(
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"),
        Files.getPosixFilePermissions(dir));
    for (String file : List.of("cmd", "log")) {
      assertEquals(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
          Files.getPosixFilePermissions(dir.resolve(file)),
          file);
    }
  }

  @Test
  void aFailedJobIsReportedOnceAndStartsAgainOnTheNextAttempt() throws Exception {
    Path counter = root.resolve("counter");
    String job =
        "n=$(cat "
            + counter
            + " 2>/dev/null || echo 0); echo $((n+1)) > "
            + counter
            + "; echo failing; exit 3";
    CommandResult failed = detached.run(SSH.shell(), "apt.install", job, TIMEOUT);
    assertEquals(3, failed.exitCode());
    assertTrue(failed.stdout().contains("failing"));
    assertEquals(3, detached.run(SSH.shell(), "apt.install", job, TIMEOUT).exitCode());
    assertEquals("2", Files.readString(counter).trim());
  }
}
