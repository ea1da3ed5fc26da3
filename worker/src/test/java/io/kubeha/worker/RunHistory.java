package io.kubeha.worker;

import io.kubeha.activity.InitResult;
import io.kubeha.activity.JoinResult;
import io.kubeha.activity.StepResult;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The full history of a bring-up: the parent and every child it started, with the step results in
 * them.
 */
public final class RunHistory {
  /** One completed effect: which host, which step, and whether it changed anything. */
  public record Applied(String workflowId, String host, String stepId, boolean changed) {}

  /**
   * One completed step's times: scheduled (its first attempt asked for), completed, and how long
   * its last attempt ran on the worker.
   */
  public record StepTime(
      String host,
      String stepId,
      boolean changed,
      java.time.Instant scheduled,
      java.time.Instant completed,
      long millis) {
    public double seconds() {
      return java.time.Duration.between(scheduled, completed).toMillis() / 1000.0;
    }
  }

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  private final List<WorkflowExecutionHistory> histories;

  private RunHistory(List<WorkflowExecutionHistory> histories) {
    this.histories = histories;
  }

  /** Histories read already: the parent's first. */
  public static RunHistory of(List<WorkflowExecutionHistory> histories) {
    return new RunHistory(List.copyOf(histories));
  }

  /** Fetches the latest run of workflowId and every child execution it started (recursively). */
  public static RunHistory fetch(WorkflowClient client, String workflowId) {
    List<WorkflowExecutionHistory> all = new ArrayList<>();
    List<WorkflowExecution> pending =
        new ArrayList<>(List.of(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build()));
    while (!pending.isEmpty()) {
      WorkflowExecution e = pending.remove(0);
      WorkflowExecutionHistory h =
          e.getRunId().isEmpty()
              ? client.fetchHistory(e.getWorkflowId())
              : client.fetchHistory(e.getWorkflowId(), e.getRunId());
      all.add(h);
      for (HistoryEvent ev : h.getEvents()) {
        if (ev.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
          pending.add(ev.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution());
        }
      }
    }
    return new RunHistory(all);
  }

  /**
   * The first activity attempt started, or workflow task completed, after t in any of the run's
   * histories: work taken up again. An ActivityTaskStarted event carries its attempt's start time
   * (written when the attempt ends, timed at its start).
   */
  public Optional<java.time.Instant> firstWorkAfter(java.time.Instant t) {
    return histories.stream()
        .flatMap(h -> h.getEvents().stream())
        .filter(
            ev ->
                ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                    || ev.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .map(
            ev ->
                java.time.Instant.ofEpochSecond(
                    ev.getEventTime().getSeconds(), ev.getEventTime().getNanos()))
        .filter(at -> at.isAfter(t))
        .min(java.util.Comparator.naturalOrder());
  }

  /**
   * Whether an activity attempt that had started by t completed after it: the work went on through
   * whatever happened at t (a starter kill, a server outage the worker rode out).
   */
  public boolean workedThrough(java.time.Instant t) {
    for (WorkflowExecutionHistory h : histories) {
      Map<Long, java.time.Instant> started = new HashMap<>();
      for (HistoryEvent ev : h.getEvents()) {
        java.time.Instant at =
            java.time.Instant.ofEpochSecond(
                ev.getEventTime().getSeconds(), ev.getEventTime().getNanos());
        if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          started.put(ev.getEventId(), at);
        } else if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            && at.isAfter(t)) {
          java.time.Instant began =
              started.get(ev.getActivityTaskCompletedEventAttributes().getStartedEventId());
          if (began != null && !began.isAfter(t)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether an activity had been scheduled by t and had not closed (completed, failed, timed out or
   * cancelled) by then: work in flight at t.
   */
  public boolean inFlight(java.time.Instant t) {
    for (WorkflowExecutionHistory h : histories) {
      java.util.Set<Long> open = new java.util.HashSet<>();
      for (HistoryEvent ev : h.getEvents()) {
        if (at(ev).isAfter(t)) {
          break;
        }
        switch (ev.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> open.add(ev.getEventId());
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
              open.remove(ev.getActivityTaskCompletedEventAttributes().getScheduledEventId());
          case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
              open.remove(ev.getActivityTaskFailedEventAttributes().getScheduledEventId());
          case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
              open.remove(ev.getActivityTaskTimedOutEventAttributes().getScheduledEventId());
          case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
              open.remove(ev.getActivityTaskCanceledEventAttributes().getScheduledEventId());
          default -> {}
        }
      }
      if (!open.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The parent's history first, then every child's. */
  List<WorkflowExecutionHistory> histories() {
    return List.copyOf(histories);
  }

  public int executions() {
    return histories.size();
  }

  /**
   * Every history as the JSON `temporal workflow show --output json` prints, plus the protobuf text
   * form.
   */
  public String dump() {
    StringBuilder out = new StringBuilder();
    for (WorkflowExecutionHistory h : histories) {
      out.append(h.toJson(true)).append('\n').append(h.getHistory().toString()).append('\n');
    }
    return out.toString();
  }

  /**
   * Every completed step result across the run: plan steps, init, joins and the day-2 operations'
   * node steps.
   */
  public List<Applied> applied() {
    List<Applied> out = new ArrayList<>();
    for (WorkflowExecutionHistory h : histories) {
      String id = h.getWorkflowExecution().getWorkflowId();
      Map<Long, String> types = new HashMap<>();
      for (HistoryEvent ev : h.getEvents()) {
        if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          types.put(
              ev.getEventId(),
              ev.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        } else if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          var attrs = ev.getActivityTaskCompletedEventAttributes();
          toApplied(id, types.get(attrs.getScheduledEventId()), attrs.getResult())
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /** Every completed node step's times (plan steps and the day-2 node steps), in history order. */
  public List<StepTime> stepTimes() {
    List<StepTime> out = new ArrayList<>();
    for (WorkflowExecutionHistory h : histories) {
      Map<Long, HistoryEvent> scheduled = new HashMap<>();
      for (HistoryEvent ev : h.getEvents()) {
        if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          scheduled.put(ev.getEventId(), ev);
        } else if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
          var attrs = ev.getActivityTaskCompletedEventAttributes();
          HistoryEvent asked = scheduled.get(attrs.getScheduledEventId());
          String type = asked.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          if (STEP_TYPES.contains(type)) {
            StepResult r = decode(attrs.getResult(), StepResult.class);
            out.add(new StepTime(r.host(), r.stepId(), r.changed(), at(asked), at(ev), r.millis()));
          }
        }
      }
    }
    return out;
  }

  private static java.time.Instant at(HistoryEvent ev) {
    return java.time.Instant.ofEpochSecond(
        ev.getEventTime().getSeconds(), ev.getEventTime().getNanos());
  }

  /** The activities whose result is a StepResult. */
  private static final java.util.Set<String> STEP_TYPES =
      java.util.Set.of(
          "ApplyStep",
          "InstallCni",
          "DrainNode",
          "ResetNode",
          "RemoveEtcdMember",
          "DeleteNode",
          "KubeadmUpgrade",
          "RestartKubelet",
          "UncordonNode");

  /**
   * Activities by the identity of the worker that ran them (pid@hostname unless a worker sets
   * another), from every ActivityTaskStarted event of the run; an event names the worker of an
   * activity's last attempt.
   */
  public Map<String, Integer> activitiesByWorker() {
    Map<String, Integer> byWorker = new TreeMap<>();
    for (WorkflowExecutionHistory h : histories) {
      for (HistoryEvent ev : h.getEvents()) {
        if (ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          byWorker.merge(ev.getActivityTaskStartedEventAttributes().getIdentity(), 1, Integer::sum);
        }
      }
    }
    return byWorker;
  }

  private static Optional<Applied> toApplied(String workflowId, String type, Payloads result) {
    if (STEP_TYPES.contains(type)) {
      StepResult r = decode(result, StepResult.class);
      return Optional.of(new Applied(workflowId, r.host(), r.stepId(), r.changed()));
    }
    switch (type) {
      case "InitFirstControlPlane" -> {
        InitResult r = decode(result, InitResult.class);
        return Optional.of(
            new Applied(workflowId, "first-control-plane", "kubeadm-init", !r.adopted()));
      }
      case "JoinNode" -> {
        JoinResult r = decode(result, JoinResult.class);
        return Optional.of(new Applied(workflowId, r.host(), "kubeadm-join", !r.adopted()));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  static <T> T decode(Payloads payloads, Class<T> type) {
    return CONVERTER.fromPayloads(0, Optional.of(payloads), type, type);
  }
}
