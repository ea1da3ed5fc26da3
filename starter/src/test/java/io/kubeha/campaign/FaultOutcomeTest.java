package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.kubeha.plan.Phase;
import io.kubeha.worker.RunHistory;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fault's resume read from a history: the wait for new work, or 0 when work went on. */
class FaultOutcomeTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  @Test
  void aWorkerKillResumesAtTheFirstAttemptStartedAfterIt() {
    History h =
        events(
            scheduled(2, 5),
            // The killed worker's attempt timed out; the retry starts 2.5 s after the restart.
            started(3, 12.5, 2),
            completed(4, 13, 3));
    assertEquals(List.of(2.5), resumes(h, fault(FaultKind.WORKER_KILL, 10, 0)));
  }

  @Test
  void workThatWentOnThroughTheFaultResumesInZero() {
    // A starter kill at 10 s: the attempt that started at 9 s completed at 11 s.
    History h = events(scheduled(2, 8), started(3, 9, 2), completed(4, 11, 3));
    assertEquals(List.of(0.0), resumes(h, fault(FaultKind.STARTER_KILL, 10, 0)));
  }

  @Test
  void aStopThatTheNextFaultCutIsChargedToTheNextFault() {
    // Work in flight at the starter kill's end (10 s) stopped at a worker kill 0.5 s later (10.5
    // to 11 s); the next attempt started at 13 s.
    History h = events(scheduled(2, 9), started(3, 13, 2), completed(4, 14, 3));
    assertEquals(
        List.of(0.0, 2.0),
        resumes(h, fault(FaultKind.STARTER_KILL, 10, 0), fault(FaultKind.WORKER_KILL, 11, 0.5)));
  }

  @Test
  void noWorkAfterTheFaultIsNegative() {
    History h = events(scheduled(2, 5), started(3, 6, 2), completed(4, 7, 3));
    assertEquals(List.of(-1.0), resumes(h, fault(FaultKind.WORKER_KILL, 10, 0)));
  }

  private static List<Double> resumes(History h, FaultOutcome... struck) {
    RunHistory history = RunHistory.of(List.of(new WorkflowExecutionHistory(h, "test")));
    return FaultOutcome.resumedIn(List.of(struck), history).stream()
        .map(FaultOutcome::resumeSeconds)
        .toList();
  }

  /** A process fault that ended at seconds after T0, having lasted outage seconds. */
  private static FaultOutcome fault(FaultKind kind, double seconds, double outage) {
    Fault f =
        new Fault(
            kind,
            Phase.TAKE_SNAPSHOT,
            false,
            null,
            Duration.ZERO,
            null,
            Duration.ofMillis((long) (outage * 1000)));
    return new FaultOutcome(f, "test", 1.0, at(seconds));
  }

  private static History events(HistoryEvent.Builder... events) {
    List<HistoryEvent> all = new ArrayList<>();
    all.add(
        HistoryEvent.newBuilder()
            .setEventId(1)
            .setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
            .setEventTime(time(0))
            .setWorkflowExecutionStartedEventAttributes(
                WorkflowExecutionStartedEventAttributes.getDefaultInstance())
            .build());
    for (HistoryEvent.Builder e : events) {
      all.add(e.build());
    }
    return History.newBuilder().addAllEvents(all).build();
  }

  private static HistoryEvent.Builder scheduled(long id, double seconds) {
    return event(id, seconds, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
  }

  private static HistoryEvent.Builder started(long id, double seconds, long scheduled) {
    return event(id, seconds, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .setActivityTaskStartedEventAttributes(
            ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduled));
  }

  private static HistoryEvent.Builder completed(long id, double seconds, long started) {
    return event(id, seconds, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .setActivityTaskCompletedEventAttributes(
            ActivityTaskCompletedEventAttributes.newBuilder()
                .setScheduledEventId(started - 1)
                .setStartedEventId(started));
  }

  private static HistoryEvent.Builder event(long id, double seconds, EventType type) {
    return HistoryEvent.newBuilder().setEventId(id).setEventType(type).setEventTime(time(seconds));
  }

  private static Timestamp time(double seconds) {
    Instant t = at(seconds);
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Instant at(double seconds) {
    return T0.plusMillis((long) (seconds * 1000));
  }
}
