package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kubeha.activity.Failures;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.RegistryCredentials;
import io.kubeha.plan.Sha256;
import io.kubeha.plan.Step;
import io.kubeha.plan.WorkerFile;
import io.kubeha.ssh.LoopbackSsh;
import io.kubeha.ssh.LoopbackSshd;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A registry's credentials completed on the worker at apply time, against a real sshd on loopback:
 * written 0600 with the header, idempotent by SHA-256, and never in a result or a log line.
 */
class WorkerFileStepTest {
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();
  private static final String SECRET = "Canary-Pa55word-7f3e";
  private static final String FIELD = "spec.containerRuntime.registryMirrors[0].credentialsFile";
  private static final String TEMPLATE =
      "server = \"https://quay.io\"\n\n[host.\"https://m.example\"]\n"
          + "  [host.\"https://m.example\".header]\n    Authorization = \""
          + RegistryCredentials.PLACEHOLDER
          + "\"\n";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;
  private Path dir;
  private StepExecutor executor;

  @BeforeEach
  void setUp() throws Exception {
    dir = Files.createTempDirectory("kubeha-worker-file-");
    executor =
        new StepExecutor(
            dir.resolve("state").toString(),
            new ArtifactCache(dir.resolve("cache")),
            LoopbackSshd.tempRoots());
    logs.start();
    root.addAppender(logs);
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG); // every line the worker might write
  }

  @AfterEach
  void tearDown() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  private Step step(Path target, Path credentials) {
    WorkerFile file =
        new WorkerFile(
            target.toString(),
            "0600",
            "root:root",
            WorkerFile.Fill.BASIC_AUTH,
            credentials.toString(),
            FIELD,
            TEMPLATE);
    return new Step(
        "registry-mirrors",
        Phase.PREPARE_NODES,
        "test",
        List.of(),
        List.of(),
        List.of(),
        List.of(file));
  }

  @Test
  void writesTheHeaderFromTheFileOnceAndAgainWhenTheFileChanges() throws Exception {
    Path auth = dir.resolve("mirror.auth");
    Files.writeString(auth, "robot:" + SECRET + "\n");
    Path target = dir.resolve("etc/containerd/certs.d/quay.io/hosts.toml");
    Step step = step(target, auth);

    StepResult first = executor.apply(SSH.shell(), step);
    assertEquals(List.of("write " + target + " (completed on the worker)"), first.applied());
    String written = Files.readString(target);
    String basic =
        Base64.getEncoder().encodeToString(("robot:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertTrue(written.contains("Authorization = \"Basic " + basic + "\""), written);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

    assertFalse(executor.apply(SSH.shell(), step).changed(), "same SHA-256: nothing written");

    Files.writeString(auth, "robot:rotated-" + SECRET + "\n");
    assertTrue(executor.apply(SSH.shell(), step).changed(), "a rotated password is written");
    assertTrue(
        Files.readString(target)
            .contains(
                Base64.getEncoder()
                    .encodeToString(("robot:rotated-" + SECRET).getBytes(StandardCharsets.UTF_8))));

    String logged =
        String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertFalse(logs.list.isEmpty(), "the worker logged its commands");
    assertFalse(logged.contains(SECRET), logged);
    assertFalse(logged.contains(basic), logged);
    assertFalse(logged.contains(Sha256.hex(written)), "no hash to guess a weak password from");
  }

  @Test
  void aMissingOrBadFileFailsNamingTheFieldNeverTheContent() throws Exception {
    Path target = dir.resolve("hosts.toml");
    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () -> executor.apply(SSH.shell(), step(target, dir.resolve("absent.auth"))));
    assertTrue(missing.isNonRetryable());
    assertEquals(Failures.INVALID_INVENTORY, missing.getType());
    assertTrue(missing.getOriginalMessage().startsWith(FIELD + ": "), missing::getOriginalMessage);
    assertTrue(missing.getOriginalMessage().contains("absent.auth"), missing::getOriginalMessage);

    Path twoLines = dir.resolve("two.auth");
    Files.writeString(twoLines, "robot:" + SECRET + "\nsecond line\n");
    ApplicationFailure bad =
        assertThrows(
            ApplicationFailure.class, () -> executor.apply(SSH.shell(), step(target, twoLines)));
    assertTrue(bad.getOriginalMessage().contains("more than one line"), bad::getOriginalMessage);
    assertFalse(bad.getOriginalMessage().contains(SECRET), bad::getOriginalMessage);
    assertFalse(Files.exists(target), "nothing written");
  }

  @Test
  void aSourceOutsideTheAllowedRootsIsRefusedBeforeTheHostIsAsked() throws Exception {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    StepExecutor confined =
        new StepExecutor(
            dir.resolve("state").toString(),
            new ArtifactCache(dir.resolve("cache")),
            io.kubeha.files.AllowedRoots.of(allowed));
    Path auth = dir.resolve("mirror.auth");
    Files.writeString(auth, "robot:" + SECRET + "\n");
    Files.createSymbolicLink(allowed.resolve("link.auth"), auth);
    Path target = dir.resolve("hosts.toml");
    for (Path source : List.of(auth, allowed.resolve("link.auth"))) {
      ApplicationFailure refused =
          assertThrows(
              ApplicationFailure.class, () -> confined.apply(SSH.shell(), step(target, source)));
      assertTrue(refused.isNonRetryable());
      assertEquals(io.kubeha.files.AllowedRoots.NOT_ALLOWED, refused.getType());
      assertTrue(refused.getOriginalMessage().startsWith(FIELD + " "), refused::getOriginalMessage);
      assertFalse(refused.getOriginalMessage().contains(SECRET), refused::getOriginalMessage);
    }
    assertFalse(Files.exists(target), "nothing written");
    assertFalse(Files.exists(dir.resolve("state")), "no step marker on the host");
  }
}
