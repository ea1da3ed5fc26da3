package io.kubeha.ssh;

import static io.kubeha.ssh.Conditions.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.Failures;
import io.kubeha.activity.SshTarget;
import io.kubeha.files.AllowedRoots;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RemoteShellTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();

  @Test
  void returnsExitCodeStdoutAndStderr() {
    CommandResult result = SSH.shell().run("echo out; echo err >&2; exit 3", TIMEOUT);
    assertEquals(3, result.exitCode());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
  }

  @Test
  void quotesTheScriptAndStreamsStdin() {
    RemoteCommand command =
        RemoteCommand.of("printf '%s|' \"it's\"; cat", TIMEOUT)
            .withStdin(RemoteCommand.Stdin.of("in\n"));
    assertEquals("it's|in\n", SSH.shell().run(command).stdout());
  }

  /**
   * A slow reader fills the channel's window: sshj's close() flushes without waiting for window
   * space and drops what it could not send (seen as "arrived corrupted" on 1 of 6 hosts taking a 36
   * MB tarball at once), so every byte must arrive all the same.
   */
  @Test
  void aLargeInputReachesASlowReaderWhole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    byte[] data = new byte[8 * 1024 * 1024 + 12345];
    new java.util.Random(7).nextBytes(data);
    java.nio.file.Path file = dir.resolve("input");
    java.nio.file.Files.write(file, data);
    String sha =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    RemoteCommand command =
        RemoteCommand.of(
                "python3 -c 'import hashlib, sys, time\n"
                    + "h = hashlib.sha256()\n"
                    + "while chunk := sys.stdin.buffer.read1(16384):\n"
                    + "    h.update(chunk); time.sleep(0.002)\n"
                    + "print(h.hexdigest())'",
                TIMEOUT)
            .withStdin(RemoteCommand.Stdin.of(file));
    assertEquals(sha + "\n", SSH.shell().run(command).stdout());
  }

  @Test
  void failureNamesHostCommandExitCodeAndTail() {
    RemoteCommand command =
        RemoteCommand.of("for i in $(seq 1 30); do echo line$i; done; exit 7", TIMEOUT);
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> SSH.shell().runOk(command, "step demo"));
    assertTrue(
        failure.getOriginalMessage().startsWith("loop: step demo: `for i in"),
        failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("exited 7"));
    assertTrue(failure.getOriginalMessage().contains("line30"));
    assertFalse(failure.getOriginalMessage().contains("line10\n"), "only the last 20 lines");
  }

  @Test
  void secretOutputNeverEntersTheFailure() {
    RemoteCommand command =
        RemoteCommand.of("echo token-abc; exit 1", TIMEOUT).asSecret("mint a token");
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> SSH.shell().runOk(command, "join"));
    assertFalse(failure.getOriginalMessage().contains("token-abc"));
    assertTrue(failure.getOriginalMessage().contains("mint a token"));
  }

  @Test
  void timeoutKillsTheCommand() throws Exception {
    Path pidFile = Files.createTempFile("kubeha-pid", "");
    RemoteCommand command =
        RemoteCommand.of("echo $$ > " + pidFile + "; exec sleep 60", Duration.ofSeconds(1));
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> SSH.shell().run(command));
    assertEquals(RemoteShell.COMMAND_TIMED_OUT, failure.getType());
    String pid = Files.readString(pidFile).trim();
    assertEquals(
        1, SSH.shell().run("kill -0 " + pid, TIMEOUT).exitCode(), "the timed-out command is gone");
  }

  @Test
  void heartbeatsWhileWaitingAndAThrowingHeartbeatStopsTheCommand() throws Exception {
    AtomicInteger beats = new AtomicInteger();
    SSH.connections()
        .shell(SSH.target(), details -> beats.incrementAndGet())
        .run("sleep 4", TIMEOUT);
    assertTrue(beats.get() >= 1, "heartbeats: " + beats.get());

    Path pidFile = Files.createTempFile("kubeha-pid", "");
    Heartbeat cancelled =
        details -> {
          throw new IllegalStateException("cancelled");
        };
    RemoteShell shell = SSH.connections().shell(SSH.target(), cancelled);
    assertThrows(
        IllegalStateException.class,
        () -> shell.run("echo $$ > " + pidFile + "; exec sleep 60", TIMEOUT));
    String pid = Files.readString(pidFile).trim();
    assertTrue(
        waitUntil(() -> SSH.shell().run("kill -0 " + pid, TIMEOUT).exitCode() != 0),
        "cancelled command killed");
  }

  @Test
  void concurrentCommandsShareOneConnectionAndADroppedOneIsReopened() {
    List<CompletableFuture<CommandResult>> runs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      runs.add(CompletableFuture.supplyAsync(() -> SSH.shell().run("sleep 0.3; echo ok", TIMEOUT)));
    }
    runs.forEach(run -> assertEquals("ok\n", run.join().stdout()));
    assertEquals(1, SSH.connections().connectionsOpened("loop"));

    SSH.connections().disconnect(SSH.target());
    assertEquals(0, SSH.shell().run("true", TIMEOUT).exitCode());
    assertEquals(2, SSH.connections().connectionsOpened("loop"));
  }

  @Test
  void changedHostKeyIsNonRetryableAndNamesTheFingerprint() throws Exception {
    SshTarget good = SSH.target();
    Path other = SSH.sshd().knownHostsWithOtherKey();
    SshTarget changed =
        new SshTarget(
            "loop", good.address(), good.port(), good.user(), good.keyPath(), other.toString());
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> SSH.connections().shell(changed, Heartbeat.NONE).run("true", TIMEOUT));
    assertEquals(Failures.HOST_KEY_MISMATCH, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(
        failure.getOriginalMessage().contains(SSH.sshd().hostKeyFingerprint()),
        failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains(other.toString()));
  }

  @Test
  void aKeyTheServerRefusesIsANonRetryableAuthenticationFailure(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path key = dir.resolve("stranger");
    Process keygen =
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keygen.waitFor(), "ssh-keygen");
    SshTarget good = SSH.target();
    SshTarget stranger =
        new SshTarget(
            "loop", good.address(), good.port(), good.user(), key.toString(), good.knownHosts());
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> SSH.connections().shell(stranger, Heartbeat.NONE).run("true", TIMEOUT));
    assertEquals(Failures.AUTHENTICATION_FAILED, failure.getType(), failure.getOriginalMessage());
    assertTrue(failure.isNonRetryable());
  }

  @Test
  void unusableKeyIsAnAuthenticationFailure() {
    SshTarget good = SSH.target();
    SshTarget noKey =
        new SshTarget(
            "loop",
            good.address(),
            good.port(),
            good.user(),
            Path.of(good.keyPath()).resolveSibling("nonexistent-key").toString(),
            good.knownHosts());
    ApplicationFailure failure =
        assertThrows(
            ApplicationFailure.class,
            () -> SSH.connections().shell(noKey, Heartbeat.NONE).run("true", TIMEOUT));
    assertEquals(Failures.AUTHENTICATION_FAILED, failure.getType());
  }

  @Test
  void aKeyOrKnownHostsOutsideTheAllowedRootsIsRefusedBeforeConnecting(
      @org.junit.jupiter.api.io.TempDir Path elsewhere) {
    SshTarget good = SSH.target();
    try (SshConnections confined = new SshConnections(AllowedRoots.of(elsewhere))) {
      for (SshTarget t :
          List.of(
              good,
              new SshTarget(
                  "loop",
                  good.address(),
                  good.port(),
                  good.user(),
                  elsewhere + "/../" + Path.of(good.keyPath()).getFileName(),
                  elsewhere.resolve("known_hosts").toString()))) {
        ApplicationFailure failure =
            assertThrows(
                ApplicationFailure.class,
                () -> confined.shell(t, Heartbeat.NONE).run("true", TIMEOUT));
        assertEquals(AllowedRoots.NOT_ALLOWED, failure.getType(), failure.getOriginalMessage());
        assertTrue(failure.isNonRetryable());
        assertTrue(
            failure.getOriginalMessage().startsWith("loop: ssh."), failure.getOriginalMessage());
        assertTrue(failure.getOriginalMessage().contains("--allow-path DIR"));
      }
      assertEquals(0, confined.connectionsOpened("loop"));
    }
  }
}
