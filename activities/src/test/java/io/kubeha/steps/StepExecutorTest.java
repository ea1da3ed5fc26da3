package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.StepResult;
import io.kubeha.plan.Action;
import io.kubeha.plan.FileSpec;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.ssh.LoopbackSsh;
import io.kubeha.ssh.LoopbackSshd;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Steps against a real sshd on loopback; every path lives in a temp dir under /tmp. */
class StepExecutorTest {
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();
  private Path root;
  private StepExecutor executor;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("kubeha-steps-");
    executor =
        new StepExecutor(
            root.resolve("state").toString(),
            new ArtifactCache(root.resolve("cache")),
            LoopbackSshd.tempRoots());
  }

  private static Step step(String id, List<FileSpec> files, List<Action> actions) {
    return new Step(id, Phase.PREPARE_NODES, "test step", files, List.of(), actions);
  }

  @Test
  void writesAFileOnlyWhenItsShaDiffersAndFixesItsMode() throws Exception {
    Path file = root.resolve("etc/demo/demo.conf");
    Step step =
        step("demo-file", List.of(FileSpec.of(file.toString(), "0640", "hello\n")), List.of());

    StepResult first = executor.apply(SSH.shell(), step);
    assertTrue(first.changed());
    assertEquals(List.of("write " + file), first.applied());
    assertEquals("hello\n", Files.readString(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    StepResult second = executor.apply(SSH.shell(), step);
    assertFalse(second.changed());
    assertEquals(List.of(), second.applied());

    Files.writeString(file, "tampered\n");
    assertEquals(List.of("write " + file), executor.apply(SSH.shell(), step).applied());
    assertEquals("hello\n", Files.readString(file));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertEquals(List.of("chmod " + file), executor.apply(SSH.shell(), step).applied());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void handlerRunsAfterAChangeNotOnARerunAndAgainAfterAnInterruptedAttempt() throws Exception {
    Path file = root.resolve("conf");
    Path count = root.resolve("restarts");
    Path allow = root.resolve("allow-restart");
    Action restart = Action.onChange("restart", "echo restarted >> " + count);
    Step step =
        step("handler", List.of(FileSpec.of(file.toString(), "0644", "v1\n")), List.of(restart));

    assertEquals(
        List.of("write " + file, "run restart"), executor.apply(SSH.shell(), step).applied());
    assertFalse(executor.apply(SSH.shell(), step).changed());
    assertEquals(1, Files.readAllLines(count).size());

    // An attempt that writes the new file, then dies in its handler, leaves the step pending.
    Action flaky =
        Action.onChange("restart", "test -f " + allow + " && echo restarted >> " + count);
    Step v2 =
        step("handler", List.of(FileSpec.of(file.toString(), "0644", "v2\n")), List.of(flaky));
    assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), v2));
    assertTrue(Files.exists(Path.of(executor.markerPath("handler"))));

    Files.createFile(allow);
    StepResult retried = executor.apply(SSH.shell(), v2);
    assertEquals(
        List.of("run restart"), retried.applied(), "file already written; the handler still runs");
    assertEquals(2, Files.readAllLines(count).size());
    assertFalse(Files.exists(Path.of(executor.markerPath("handler"))));
    assertFalse(executor.apply(SSH.shell(), v2).changed());
  }

  @Test
  void guardedActionRunsOnlyWhileItsCheckFailsAndMustVerify() throws Exception {
    Path made = root.resolve("made");
    Step step =
        step(
            "guarded",
            List.of(),
            List.of(Action.guarded("make", "test -f " + made, "touch " + made)));
    assertEquals(List.of("run make"), executor.apply(SSH.shell(), step).applied());
    assertFalse(executor.apply(SSH.shell(), step).changed());

    Step lying =
        step(
            "lying",
            List.of(),
            List.of(Action.guarded("lie", "test -f " + root.resolve("never"), "true")));
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), lying));
    assertTrue(
        failure.getOriginalMessage().contains("step lying action lie"),
        failure.getOriginalMessage());
  }

  @Test
  void detachedActionRunsOnceAndItsJobIsClearedWhenTheStepCompletes() throws Exception {
    Path count = root.resolve("runs");
    Path done = root.resolve("done");
    Action install =
        new Action(
            "install",
            "test -f " + done,
            "echo run >> " + count + "; touch " + done,
            "test -f " + done,
            true,
            60);
    Step step = step("detached", List.of(), List.of(install));
    assertEquals(List.of("run install"), executor.apply(SSH.shell(), step).applied());
    assertFalse(executor.apply(SSH.shell(), step).changed());
    assertEquals(1, Files.readAllLines(count).size());
    assertFalse(Files.exists(root.resolve("state/jobs/detached.install")));
  }

  /**
   * A detached job's log on the host is root's only, also where an earlier kubeha left the job's
   * directory and log readable by everyone.
   */
  @Test
  void aDetachedJobsLogOnTheHostIsItsOwnersOnly() throws Exception {
    Path job = root.resolve("state/jobs/logged.install");
    Files.createDirectories(job);
    Files.setPosixFilePermissions(job, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path earlier = Files.writeString(job.resolve("log"), "an earlier attempt\n");
    Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
    Action install = new Action("install", "false", "echo installing; exit 4", null, true, 60);
    Step step = step("logged", List.of(), List.of(install));

    ApplicationFailure failed =
        assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), step));
    assertTrue(failed.getOriginalMessage().contains("installing"), failed.getOriginalMessage());
    // A failed job's log is kept, as log.failed, for the operator to read on the host.
    Path log = job.resolve("log.failed");
    assertEquals("installing\n", Files.readString(log));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(job)));
  }

  /**
   * A detached action that failed leaves what it wrote (kubeadm init: admin.conf) and its check
   * would adopt that; failedBefore tells the activity, until the step completes.
   */
  @Test
  void aFailedDetachedActionIsOnRecordUntilItsStepCompletes() throws Exception {
    Path half = root.resolve("half-done");
    Path allow = root.resolve("allow");
    Action init =
        new Action(
            "init",
            "test -f " + half,
            "touch " + half + " && test -f " + allow,
            "test -f " + half,
            true,
            60);
    Step step = step("half", List.of(), List.of(init));
    assertFalse(executor.failedBefore(SSH.shell(), step), "nothing ran yet");

    assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), step));
    assertTrue(
        Files.exists(half), "the failed run left its file, as kubeadm init leaves admin.conf");
    assertTrue(executor.failedBefore(SSH.shell(), step));
    // What the init activity does about it: undo, so the check no longer adopts, and run again.
    Files.delete(half);
    Files.createFile(allow);
    assertTrue(executor.apply(SSH.shell(), step).changed());
    assertFalse(executor.failedBefore(SSH.shell(), step), "the completed step cleared its jobs");
  }

  @Test
  void failingActionReportsExitCodeAndOutputTail() {
    Step step =
        step(
            "failing",
            List.of(),
            List.of(Action.guarded("boom", "false", "echo broken-thing >&2; exit 4")));
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), step));
    assertTrue(failure.getOriginalMessage().contains("exited 4"), failure.getOriginalMessage());
    assertTrue(failure.getOriginalMessage().contains("broken-thing"), failure.getOriginalMessage());
    assertTrue(
        failure.getOriginalMessage().startsWith("loop: step failing action boom"),
        failure.getOriginalMessage());
  }

  @Test
  void aDetachedActionThatFailedRunsAgainThoughItsCheckPasses() throws Exception {
    // Its first run makes the check pass, then fails: an apt stopped mid-unpack.
    Path half = root.resolve("installed");
    Path allow = root.resolve("allow-install");
    Path runs = root.resolve("install-runs");
    Action install =
        new Action(
            "install",
            "test -f " + half,
            "echo run >> " + runs + " && touch " + half + " && test -f " + allow,
            "test -f " + half,
            true,
            60);
    Step step = step("packages", List.of(), List.of(install));
    assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), step));

    Files.createFile(allow);
    StepResult again = executor.apply(SSH.shell(), step);

    assertEquals(List.of("run install"), again.applied());
    assertEquals(2, Files.readAllLines(runs).size(), "run again, not skipped on its check");
    assertFalse(executor.apply(SSH.shell(), step).changed(), "once complete, the check holds");
    assertEquals(2, Files.readAllLines(runs).size());
  }

  @Test
  void aDetachedActionWhoseProcessVanishedRunsAgainThoughItsCheckPasses() throws Exception {
    Path done = root.resolve("done");
    Path runs = root.resolve("runs");
    Action install =
        new Action(
            "install",
            "test -f " + done,
            "echo run >> " + runs + " && touch " + done,
            "test -f " + done,
            true,
            60);
    Step step = step("vanished", List.of(), List.of(install));
    // What a reboot leaves: the job started, its effect half there, no exit code, no lock held.
    DetachedCommand jobs = new DetachedCommand(root.resolve("state").toString());
    Path dir = Path.of(jobs.jobDir("vanished.install"));
    Files.createDirectories(dir);
    Files.createFile(dir.resolve("started"));
    Files.createFile(done);

    // Not skipped on its passing check: the job is read, as vanished (125), so this attempt fails.
    ApplicationFailure vanished =
        assertThrows(ApplicationFailure.class, () -> executor.apply(SSH.shell(), step));
    assertTrue(vanished.getOriginalMessage().contains("exited 125"), vanished.getOriginalMessage());
    // The next attempt runs it afresh.
    assertEquals(List.of("run install"), executor.apply(SSH.shell(), step).applied());
    assertEquals(1, Files.readAllLines(runs).size());
  }
}
