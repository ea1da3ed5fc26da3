package io.kubeha.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetStickyTaskQueueRequest;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a kubeha worker of this machine held when it died (kill -9, a crash, the OOM killer), taken
 * back by the next one as it starts, so a run resumes in seconds: each activity attempt the dead
 * process had started is failed now, so Temporal retries it at once rather than when its heartbeat
 * times out (10 s), and each running workflow's sticky queue is reset, so its next workflow task
 * goes to a live worker rather than waiting out the dead one's sticky timeout (5 s). A worker on
 * another machine that died is still noticed by the heartbeat timeout.
 */
final class LostAttempts {
  /** The failure type of an attempt whose worker died; retried like any other failure. */
  static final String WORKER_LOST = "WorkerLost";

  /**
   * A taken-back attempt's retry delay, the server's next_retry_delay: 0 would mean the policy's.
   */
  static final Duration RETRY_NOW = Duration.ofMillis(100);

  // The server's restart takes seconds; a worker outliving a minute of refusals has the heartbeat
  // timeout to fall back on.
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(1);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration LAST_PAUSE = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(LostAttempts.class);

  private final WorkflowClient client;
  private final String taskQueue;
  private final WorkerIdentity self;

  LostAttempts(WorkflowClient client, String taskQueue, WorkerIdentity self) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.self = self;
  }

  /** Takes back what dead workers held, in the background; returns at once. */
  void takeBackInBackground() {
    Thread t = new Thread(this::takeBackLogged, "kubeha-lost-attempts");
    t.setDaemon(true);
    t.start();
  }

  private void takeBackLogged() {
    try {
      untilAnswered(this::takeBack, GIVE_UP_AFTER, Thread::sleep);
    } catch (RuntimeException e) {
      // The heartbeat timeout still retries them; this only makes it sooner.
      log.warn("could not look for attempts of dead workers: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Pauses between tries; Thread::sleep outside tests. */
  interface Pause {
    void pause(long millis) throws InterruptedException;
  }

  /**
   * Runs lookup until the server answers, up to giveUpAfter: a worker started while the server is
   * down or restarting (both killed together) must still take back what the dead one held, or its
   * attempts wait out their heartbeat timeout. Returns lookup's count; throws its last failure.
   */
  static int untilAnswered(IntSupplier lookup, Duration giveUpAfter, Pause pause)
      throws InterruptedException {
    long waited = 0;
    long next = FIRST_PAUSE.toMillis();
    while (true) {
      try {
        return lookup.getAsInt();
      } catch (RuntimeException e) {
        if (!serverNotAnswering(e) || waited >= giveUpAfter.toMillis()) {
          throw e;
        }
        log.info("looking for attempts of dead workers: {}; trying again", e.toString());
        pause.pause(next);
        waited += next;
        next = Math.min(next * 2, LAST_PAUSE.toMillis());
      }
    }
  }

  /**
   * The server is down, restarting or slow (UNAVAILABLE, DEADLINE_EXCEEDED, anywhere in the
   * causes): worth another try. Anything else (a refused query, a denied namespace) is not.
   */
  static boolean serverNotAnswering(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        Status.Code code = s.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }

  /** Fails the attempts dead workers of this machine held; returns how many. */
  int takeBack() {
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionMetadata> running =
        client
            .listExecutions("TaskQueue = '" + taskQueue + "' AND ExecutionStatus = 'Running'")
            .toList();
    int failed = 0;
    for (WorkflowExecutionMetadata run : running) {
      WorkflowExecution execution = run.getExecution();
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .resetStickyTaskQueue(
              ResetStickyTaskQueueRequest.newBuilder()
                  .setNamespace(namespace)
                  .setExecution(execution)
                  .build());
      for (PendingActivityInfo a : pending(namespace, execution)) {
        Optional<WorkerIdentity> holder = WorkerIdentity.parse(a.getLastWorkerIdentity());
        if (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
            && holder.isPresent()
            && holder.get().deadHere(self)
            && stillHeld(namespace, execution, a)) {
          fail(execution, a, holder.get());
          failed++;
        }
      }
    }
    if (failed > 0) {
      log.info("failed {} activity attempts that dead workers of this machine held", failed);
    }
    return failed;
  }

  private List<PendingActivityInfo> pending(String namespace, WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(execution)
                .build())
        .getPendingActivitiesList();
  }

  /**
   * The same attempt, started by the same dead worker, is still the current one: failing by id
   * fails whatever attempt is current, so one retried meanwhile on a live worker is left alone.
   */
  private boolean stillHeld(
      String namespace, WorkflowExecution execution, PendingActivityInfo seen) {
    return pending(namespace, execution).stream()
        .anyMatch(
            a ->
                a.getActivityId().equals(seen.getActivityId())
                    && a.getAttempt() == seen.getAttempt()
                    && a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                    && a.getLastWorkerIdentity().equals(seen.getLastWorkerIdentity()));
  }

  private void fail(WorkflowExecution execution, PendingActivityInfo a, WorkerIdentity holder) {
    ActivityCompletionClient completion = client.newActivityCompletionClient();
    String why =
        "the worker running attempt "
            + a.getAttempt()
            + " ("
            + holder
            + ") is gone; "
            + self
            + " took it back to retry it now";
    try {
      ApplicationFailure lost = ApplicationFailure.newFailure(why, WORKER_LOST);
      // Retry at once, not after the policy's interval: nothing failed but the worker.
      lost.setNextRetryDelay(RETRY_NOW);
      // This process's stack says nothing of the attempt, and the server replaces a failure over
      // its 4 KB limit with one that has no retry delay.
      lost.setStackTrace(new StackTraceElement[0]);
      completion.completeExceptionally(
          execution.getWorkflowId(), Optional.of(execution.getRunId()), a.getActivityId(), lost);
      log.info(
          "{}: activity {} ({}): {}",
          execution.getWorkflowId(),
          a.getActivityId(),
          a.getActivityType().getName(),
          why);
    } catch (RuntimeException e) {
      // Completed, timed out or retried meanwhile: nothing to take back.
      log.info(
          "{}: activity {} no longer held by {}: {}",
          execution.getWorkflowId(),
          a.getActivityId(),
          holder,
          e.toString());
    }
  }
}
