package io.kubeha.activities;

import static io.kubeha.ssh.Conditions.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.HostFacts;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Action;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.ssh.LoopbackSsh;
import io.kubeha.ssh.LoopbackSshd;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.steps.StepExecutor;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The host activities in Temporal's activity test environment, against a real sshd on loopback. */
class HostActivitiesImplTest {
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();
  private TestActivityEnvironment env;
  private HostActivities activities;
  private Path root;
  private final AtomicInteger heartbeats = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("kubeha-activities-");
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new HostActivitiesImpl(
            SSH.connections(),
            new StepExecutor(
                root.resolve("state").toString(),
                new ArtifactCache(root.resolve("cache")),
                LoopbackSshd.tempRoots())));
    env.setActivityHeartbeatListener(String.class, details -> heartbeats.incrementAndGet());
    activities =
        env.newActivityStub(
            HostActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(Duration.ofSeconds(5))
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void inspectsTheHostInOneScript() throws Exception {
    int sshPort = SSH.target().port();
    long before = System.currentTimeMillis();
    HostFacts facts =
        activities.inspectHost(new InspectHostInput(SSH.target(), List.of(sshPort, 1)));
    String hostname =
        new String(new ProcessBuilder("hostname").start().getInputStream().readAllBytes()).trim();
    assertEquals(hostname, facts.hostname());
    assertFalse(facts.os().isEmpty());
    assertFalse(facts.arch().isEmpty());
    assertTrue(facts.cpus() > 0);
    assertTrue(facts.memoryMiB() > 0);
    assertTrue(Math.abs(facts.clockMillis() - before) < 60_000, "clock " + facts.clockMillis());
    assertEquals(List.of(sshPort), facts.portsInUse());
    assertTrue(facts.sudoWorks());
    assertEquals(1, SSH.connections().connectionsOpened("loop"));
  }

  @Test
  void applyStepHeartbeatsWhileACommandRuns() {
    Step step =
        new Step(
            "slow",
            Phase.PREPARE_NODES,
            "slow",
            List.of(),
            List.of(),
            List.of(
                Action.guarded(
                    "wait",
                    "test -f " + root.resolve("waited"),
                    "sleep 4; touch " + root.resolve("waited"))));
    StepResult result = activities.applyStep(new ApplyStepInput(SSH.target(), step));
    assertEquals(List.of("run wait"), result.applied());
    assertTrue(heartbeats.get() >= 1, "heartbeats: " + heartbeats.get());
  }

  @Test
  void cancellationStopsTheRemoteCommand() throws Exception {
    Path pidFile = root.resolve("pid");
    Step step =
        new Step(
            "endless",
            Phase.PREPARE_NODES,
            "endless",
            List.of(),
            List.of(),
            List.of(Action.guarded("sleep", "false", "echo $$ > " + pidFile + "; exec sleep 120")));
    CompletableFuture<StepResult> run =
        CompletableFuture.supplyAsync(
            () -> activities.applyStep(new ApplyStepInput(SSH.target(), step)));
    assertTrue(
        waitUntil(() -> heartbeats.get() >= 1 && Files.exists(pidFile)),
        "running and heartbeating");
    env.requestCancelActivity();
    assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
    String pid = Files.readString(pidFile).trim();
    assertTrue(waitUntil(() -> !Files.exists(Path.of("/proc", pid))), "remote command killed");
  }
}
