package io.kubeha.workflow;

import static io.kubeha.workflow.BringUpHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.engine.HostStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child tells its parent only of steps that run past the quiet period, and those the CLI does
 * see.
 */
@Timeout(60)
class ParentProgressTest {
  static final String HOST = "kube-worker-1";
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void aStepStillRunningAfterTheQuietPeriodIsTheHostsCurrentStepInTheParent() throws Exception {
    try (BringUpHarness h = new BringUpHarness(TestInventories.ha(10))) {
      List<Step> steps = h.plan.steps(HOST, Phase.PREPARE_NODES);
      String slow = steps.get(2).id();
      CountDownLatch release = new CountDownLatch(1);
      h.fakes.onCall =
          call -> {
            if (call.host().equals(HOST) && call.what().equals(slow)) {
              awaitQuietly(release);
            }
          };
      WorkflowStub run = h.start(true);
      waitUntil(
          "the parent shows " + slow + " on " + HOST,
          DEADLINE,
          () -> slow.equals(status(h).currentStep()));
      HostStatus shown = status(h);
      assertEquals(Phase.PREPARE_NODES, shown.phase());
      assertEquals(2, shown.stepsDone());
      assertEquals(1, shown.attempts());
      release.countDown();
      run.getResult(BringUpResult.class);
      assertEquals(status(h).stepsTotal(), status(h).stepsDone());
    }
  }

  private static HostStatus status(BringUpHarness h) {
    return h.running().hosts().stream()
        .filter(s -> s.host().equals(HOST))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
