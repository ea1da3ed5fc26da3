package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.WorkflowIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `approve` on a real terminal (a pseudo-terminal from util-linux `script`): it asks, and only "y"
 * approves.
 */
class TerminalPromptTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  @RegisterExtension static final TestTemporal temporal = new TestTemporal();

  @TempDir Path dir;

  @Test
  void approveAsksOnATerminalAndOnlyYesApproves() throws Exception {
    Path file = TestInventory.write(dir, "asked", 41);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--detach").exitCode());
    ClusterBringUp run =
        temporal.client.newWorkflowStub(ClusterBringUp.class, WorkflowIds.cluster("asked"));
    TestTemporal.waitUntil(
        "the run waits at the gate", DEADLINE, () -> run.phase().waitingForApproval());

    Terminal no = onTerminal("n\n", "approve", "asked");
    assertEquals(ExitCodes.FAILURE, no.exitCode(), no.output());
    assertTrue(no.output().contains("Approve kubeadm init on m1? [y/N]"), no.output());
    assertTrue(
        no.output().contains("Not approved; the run keeps waiting at the gate."), no.output());
    assertTrue(run.phase().waitingForApproval(), "still at the gate after n");

    Terminal yes = onTerminal("y\n", "approve", "asked");
    assertEquals(ExitCodes.OK, yes.exitCode(), yes.output());
    assertTrue(yes.output().contains("kubeadm init on m1 approved by"), yes.output());
    TestTemporal.waitUntil(
        "the run passes the gate",
        DEADLINE,
        () -> run.phase().phase() != Phase.AWAIT_INIT_APPROVAL);
  }

  @Test
  void resetAsksForTheClusterNameOnATerminalAndAWrongNameCancelsItAtItsGate() throws Exception {
    Path file = TestInventory.write(dir, "typed", 42);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--yes").exitCode());

    Terminal wrong = onTerminal("typd\n", "reset", "-f", file.toString());
    assertEquals(ExitCodes.FAILURE, wrong.exitCode(), wrong.output());
    assertTrue(wrong.output().contains("Resetting cluster typed: every workload"), wrong.output());
    assertTrue(wrong.output().contains("Type the cluster name (typed) to go on:"), wrong.output());
    assertTrue(
        wrong.output().contains("the reset of cluster typed was cancelled at its gate"),
        wrong.output());
    assertEquals(0, temporal.activities.resets(TestInventory.prefix(42)), "nothing was reset");

    Terminal right = onTerminal("typed\n", "reset", "-f", file.toString());
    assertEquals(ExitCodes.OK, right.exitCode(), right.output());
    assertTrue(
        right.output().contains("The reset of cluster typed approved by cli:"), right.output());
    assertEquals(2, temporal.activities.resets(TestInventory.prefix(42)), "m1 and w1 reset");
  }

  private record Terminal(int exitCode, String output) {}

  /** Runs the CLI in its own JVM on a pseudo-terminal, typing input into it. */
  private static Terminal onTerminal(String input, String... args)
      throws IOException, InterruptedException {
    StringBuilder command =
        new StringBuilder(
            "exec java -cp '"
                + System.getProperty("java.class.path")
                + "' io.kubeha.starter.Kubeha");
    for (String a : args) {
      command.append(" '").append(a).append('\'');
    }
    command.append(" --address ").append(temporal.address());
    Process p =
        new ProcessBuilder(
                "script", "--quiet", "--return", "--command", command.toString(), "/dev/null")
            .redirectErrorStream(true)
            .start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the CLI ended: " + output);
    return new Terminal(p.exitValue(), output);
  }
}
