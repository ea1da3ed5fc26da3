package io.kubeha.history;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The size of one workflow history as Temporal's limits count it: events, and bytes of the
 * serialized history proto, with the event types that take the most bytes. Pure: the caller fetches
 * the history (WorkflowClient.fetchHistory pages through GetWorkflowExecutionHistory).
 */
public record HistoryStats(String workflowId, int events, long bytes, List<TypeShare> byType) {

  /** Temporal's default per-workflow limits: it terminates a run beyond either. */
  public static final int EVENT_LIMIT = 51_200;

  public static final long BYTE_LIMIT = 50L * 1024 * 1024;

  /** Temporal's default warning threshold on events. */
  public static final int EVENT_WARNING = 10_240;

  /** One event type's share of a history. */
  public record TypeShare(EventType type, int events, long bytes) {}

  /** Counts a fetched history; byType is sorted by bytes, biggest first. */
  public static HistoryStats of(WorkflowExecutionHistory history) {
    Map<EventType, long[]> shares = new EnumMap<>(EventType.class);
    for (HistoryEvent e : history.getEvents()) {
      long[] share = shares.computeIfAbsent(e.getEventType(), t -> new long[2]);
      share[0]++;
      share[1] += e.getSerializedSize();
    }
    List<TypeShare> byType =
        shares.entrySet().stream()
            .map(s -> new TypeShare(s.getKey(), (int) s.getValue()[0], s.getValue()[1]))
            .sorted(Comparator.comparingLong(TypeShare::bytes).reversed())
            .toList();
    return new HistoryStats(
        history.getWorkflowExecution().getWorkflowId(),
        history.getEvents().size(),
        history.getHistory().getSerializedSize(),
        byType);
  }

  /** "id: N events, B bytes; biggest: TYPE n/b, ..." with the top count types. */
  public String summary(int top) {
    StringBuilder s =
        new StringBuilder(workflowId + ": " + events + " events, " + bytes + " bytes; biggest:");
    byType.stream()
        .limit(top)
        .forEach(
            t ->
                s.append(' ')
                    .append(shortName(t.type()))
                    .append(' ')
                    .append(t.events())
                    .append('/')
                    .append(t.bytes()));
    return s.toString();
  }

  private static String shortName(EventType type) {
    return type.name().replace("EVENT_TYPE_", "");
  }
}
