package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed -9 in the middle of an activity: the next worker on the machine fails the dead
 * one's attempt as it starts, so the retry runs at once, not after the heartbeat timeout (60 s
 * here, so only the take-back can make the run finish sooner), on the real dev server.
 */
class LostAttemptsTest {
  static final String QUEUE = "lost-attempts-test";
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
  // Only the take-back's own retry delay retries sooner than this.
  static final Duration POLICY_RETRY = Duration.ofSeconds(45);

  @TempDir Path dir;

  @WorkflowInterface
  public interface OneStep {
    @WorkflowMethod
    String run();
  }

  @ActivityInterface
  public interface Step {
    String step();
  }

  public static class OneStepImpl implements OneStep {
    private final Step step =
        Workflow.newActivityStub(
            Step.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(POLICY_RETRY).build())
                .build());

    @Override
    public String run() {
      return step.step();
    }
  }

  /** The first attempt heartbeats until its process dies; later ones return at once. */
  public static class StepImpl implements Step {
    @Override
    public String step() {
      int attempt = Activity.getExecutionContext().getInfo().getAttempt();
      while (attempt == 1) {
        Activity.getExecutionContext().heartbeat("holding");
        sleep(500);
      }
      return "attempt " + attempt;
    }
  }

  /** The worker that will be killed: `LostAttemptsTest$HoldingWorker ADDRESS`. */
  public static final class HoldingWorker {
    public static void main(String[] args) throws InterruptedException {
      WorkflowClient client = client(args[0], WorkerIdentity.ofThisProcess());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(OneStepImpl.class);
      worker.registerActivitiesImplementations(new StepImpl());
      factory.start();
      Thread.currentThread().join();
    }
  }

  @Test
  void theNextWorkerOnTheMachineRetriesADeadWorkersAttemptAtOnce() throws Exception {
    try (TemporalDevServer server =
        TemporalDevServer.start(
            dir.resolve("temporal"),
            TemporalDevServerTest.freePort(),
            TemporalDevServerTest.freePort(),
            false)) {
      WorkerIdentity self = WorkerIdentity.ofThisProcess();
      WorkflowClient client = client(server.address(), self);
      ChildJvm holding =
          ChildJvm.start(
              dir.resolve("holding.log"),
              Map.of(),
              HoldingWorker.class.getName(),
              server.address());
      WorkflowFactory starts = new WorkflowFactory(client);
      WorkflowStub run = starts.start("lost-attempts-1");
      PendingActivityInfo held =
          Waits.until(
              "the first attempt started by the child worker",
              Duration.ofSeconds(60),
              () ->
                  pending(client, run.getExecution())
                      .filter(
                          a ->
                              a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                                  && a.getLastWorkerIdentity().startsWith(holding.pid() + "@")));
      assertEquals(1, held.getAttempt());
      WorkerIdentity holder = WorkerIdentity.parse(held.getLastWorkerIdentity()).orElseThrow();

      LostAttempts lost = new LostAttempts(client, QUEUE, self);
      assertEquals(0, lost.takeBack(), "a live worker's attempt is left alone");
      assertEquals(
          1, pending(client, run.getExecution()).orElseThrow().getAttempt(), "still attempt 1");

      holding.kill9();
      assertTrue(holder.deadHere(self), holder + " is gone");
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(OneStepImpl.class);
      worker.registerActivitiesImplementations(new StepImpl());
      factory.start();
      try {
        long start = System.nanoTime();
        assertEquals(1, lost.takeBack(), "the dead worker's attempt is failed");
        String result = run.getResult(120, TimeUnit.SECONDS, String.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "bench lost-attempt taken back and retried in %.2f s (heartbeat timeout %d s)%n",
            seconds, HEARTBEAT_TIMEOUT.toSeconds());
        assertEquals("attempt 2", result);
        assertTrue(
            seconds < POLICY_RETRY.toSeconds(),
            "retried before the retry policy's interval: " + seconds + " s");
        assertEquals(0, lost.takeBack(), "nothing left to take back");
        var started =
            client.fetchHistory(run.getExecution().getWorkflowId()).getEvents().stream()
                .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
                .findFirst()
                .orElseThrow()
                .getActivityTaskStartedEventAttributes();
        assertEquals(2, started.getAttempt());
        assertEquals(
            LostAttempts.RETRY_NOW.toMillis(),
            started.getLastFailure().getApplicationFailureInfo().getNextRetryDelay().getNanos()
                / 1_000_000,
            "the take-back asked for its retry now: " + started.getLastFailure());
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void identitiesNameThePidHostAndStartAndOnlyTheirOwnFormatParses() {
    WorkerIdentity self = WorkerIdentity.ofThisProcess();
    assertTrue(self.toString().startsWith(ProcessHandle.current().pid() + "@"), self.toString());
    assertEquals(Optional.of(self), WorkerIdentity.parse(self.toString()));
    assertEquals(Optional.empty(), WorkerIdentity.parse("1234@host"));
    assertEquals(Optional.empty(), WorkerIdentity.parse(null));
    // This process, and a process elsewhere, are never taken for dead here.
    assertTrue(!self.deadHere(self));
    assertTrue(!new WorkerIdentity(1, "another-machine", 0).deadHere(self));
    // A pid reused by another process: its start time differs.
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    assertTrue(new WorkerIdentity(parent, self.host(), 1).deadHere(self), "pid reused");
  }

  private static WorkflowClient client(String address, WorkerIdentity identity) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder()
            .setNamespace("default")
            .setIdentity(identity.toString())
            .build());
  }

  private static Optional<PendingActivityInfo> pending(
      WorkflowClient client, WorkflowExecution execution) {
    List<PendingActivityInfo> all =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(execution)
                    .build())
            .getPendingActivitiesList();
    return all.stream().findFirst();
  }

  private record WorkflowFactory(WorkflowClient client) {
    WorkflowStub start(String id) {
      OneStep stub =
          client.newWorkflowStub(
              OneStep.class,
              WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
      WorkflowClient.start(stub::run);
      return WorkflowStub.fromTyped(stub);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis); // an activity's own pace between heartbeats
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls a condition every 100 ms until it yields a value or the deadline passes. */
  private static final class Waits {
    static <T> T until(String what, Duration deadline, java.util.function.Supplier<Optional<T>> f)
        throws InterruptedException {
      long end = System.nanoTime() + deadline.toNanos();
      while (true) {
        Optional<T> v = f.get();
        if (v.isPresent()) {
          return v.get();
        }
        if (System.nanoTime() > end) {
          throw new AssertionError("gave up waiting for " + what + " after " + deadline);
        }
        Thread.sleep(100); // polling interval of a wait with a deadline
      }
    }
  }
}
