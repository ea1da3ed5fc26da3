package io.kubeha.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.Failures;
import io.kubeha.activity.SshTarget;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteShellTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static LoopbackSshd sshd;
  private SshConnections connections;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LoopbackSshd.start();
  }

  @AfterAll
  static void stopSshd() throws Exception {
    sshd.close();
  }

  @BeforeEach
  void pool() {
    connections = new SshConnections();
  }

  @AfterEach
  void closePool() {
    connections.close();
  }

  private RemoteShell shell() {
    return connections.shell(sshd.target("loop"), Heartbeat.NONE);
  }

  @Test
  void returnsExitCodeStdoutAndStderr() {
    CommandResult result = shell().run("echo out; echo err >&2; exit 3", TIMEOUT);
    assertEquals(3, result.exitCode());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
  }

  @Test
  void quotesTheScriptAndStreamsStdin() {
    RemoteCommand command = RemoteCommand.of("printf '%s|' \"it's\"; cat", TIMEOUT).withStdin(RemoteCommand.Stdin.of("in\n"));
    assertEquals("it's|in\n", shell().run(command).stdout());
  }

  @Test
  void failureNamesHostCommandExitCodeAndTail() {
    RemoteCommand command = RemoteCommand.of("for i in $(seq 1 30); do echo line$i; done; exit 7", TIMEOUT);
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell().runOk(command, "step demo"));
    assertTrue(failure.getOriginalMessage().startsWith("loop: step demo: `for i in"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("exited 7"));
    assertTrue(failure.getOriginalMessage().contains("line30"));
    assertFalse(failure.getOriginalMessage().contains("line10\n"), "only the last 20 lines");
  }

  @Test
  void secretOutputNeverEntersTheFailure() {
    RemoteCommand command = RemoteCommand.of("echo token-abc; exit 1", TIMEOUT).asSecret("mint a token");
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell().runOk(command, "join"));
    assertFalse(failure.getOriginalMessage().contains("token-abc"));
    assertTrue(failure.getOriginalMessage().contains("mint a token"));
  }

  @Test
  void timeoutKillsTheCommand() throws Exception {
    Path pidFile = Files.createTempFile("kubeha-pid", "");
    RemoteCommand command = RemoteCommand.of("echo $$ > " + pidFile + "; exec sleep 60", Duration.ofSeconds(1));
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> shell().run(command));
    assertEquals(RemoteShell.COMMAND_TIMED_OUT, failure.getType());
    String pid = Files.readString(pidFile).trim();
    assertEquals(1, shell().run("kill -0 " + pid, TIMEOUT).exitCode(), "the timed-out command is gone");
  }

  @Test
  void heartbeatsWhileWaitingAndAThrowingHeartbeatStopsTheCommand() throws Exception {
    AtomicInteger beats = new AtomicInteger();
    connections.shell(sshd.target("loop"), details -> beats.incrementAndGet()).run("sleep 4", TIMEOUT);
    assertTrue(beats.get() >= 1, "heartbeats: " + beats.get());

    Path pidFile = Files.createTempFile("kubeha-pid", "");
    Heartbeat cancelled = details -> {
      throw new IllegalStateException("cancelled");
    };
    RemoteShell shell = connections.shell(sshd.target("loop"), cancelled);
    assertThrows(IllegalStateException.class,
        () -> shell.run("echo $$ > " + pidFile + "; exec sleep 60", TIMEOUT));
    String pid = Files.readString(pidFile).trim();
    assertTrue(waitUntil(() -> shell().run("kill -0 " + pid, TIMEOUT).exitCode() != 0), "cancelled command killed");
  }

  @Test
  void concurrentCommandsShareOneConnectionAndADroppedOneIsReopened() {
    List<CompletableFuture<CommandResult>> runs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> shell().run("sleep 0.3; echo ok", TIMEOUT)));
    }
    runs.forEach(run -> assertEquals("ok\n", run.join().stdout()));
    assertEquals(1, connections.connectionsOpened("loop"));

    connections.disconnect(sshd.target("loop"));
    assertEquals(0, shell().run("true", TIMEOUT).exitCode());
    assertEquals(2, connections.connectionsOpened("loop"));
  }

  @Test
  void changedHostKeyIsNonRetryableAndNamesTheFingerprint() throws Exception {
    SshTarget good = sshd.target("loop");
    Path other = sshd.knownHostsWithOtherKey();
    SshTarget changed = new SshTarget("loop", good.address(), good.port(), good.user(), good.keyPath(), other.toString());
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> connections.shell(changed, Heartbeat.NONE).run("true", TIMEOUT));
    assertEquals(Failures.HOST_KEY_MISMATCH, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains(sshd.hostKeyFingerprint()), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains(other.toString()));
  }

  @Test
  void unusableKeyIsAnAuthenticationFailure() {
    SshTarget good = sshd.target("loop");
    SshTarget noKey = new SshTarget("loop", good.address(), good.port(), good.user(), "/nonexistent/key", good.knownHosts());
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> connections.shell(noKey, Heartbeat.NONE).run("true", TIMEOUT));
    assertEquals(Failures.AUTHENTICATION_FAILED, failure.getType());
  }

  static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.onSpinWait();
      Thread.sleep(50);
    }
    return false;
  }
}
