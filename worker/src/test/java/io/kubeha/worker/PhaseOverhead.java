package io.kubeha.worker;

import static io.kubeha.worker.RunHistory.decode;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.InitInput;
import io.kubeha.activity.InspectHostInput;
import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.VerifyInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Chain;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a bring-up's time goes: per phase, its wall time against its critical path, the slowest
 * host's summed activity time (each activity from its start to its end in the history: the remote
 * commands plus their SSH round trips). The control-plane joins run one at a time, so their path is
 * the sum over hosts. Wall minus path is what orchestration (Temporal, the workflows, waiting for a
 * task) added. With the bring-up run as a graph, phases overlap: the run's wall time is then
 * compared with the graph's longest chain ({@link #chain}).
 */
final class PhaseOverhead {
  /** One phase: wall ms from the run's result, path ms from its activities. */
  record Row(Phase phase, long wallMillis, long pathMillis) {
    long overheadMillis() {
      return wallMillis - pathMillis;
    }
  }

  private PhaseOverhead() {}

  static List<Row> of(WorkflowClient client, String workflowId, BringUpResult result) {
    Map<Phase, Map<String, Long>> busy = busy(client, workflowId);
    List<Row> rows = new ArrayList<>();
    for (PhaseOutcome o : result.phases()) {
      if (o.skipped()) {
        continue;
      }
      Map<String, Long> perHost = busy.getOrDefault(o.phase(), Map.of());
      long path =
          o.phase() == Phase.JOIN_CONTROL_PLANES
              ? perHost.values().stream().mapToLong(Long::longValue).sum()
              : perHost.values().stream().mapToLong(Long::longValue).max().orElse(0);
      rows.add(new Row(o.phase(), o.millis(), path));
    }
    return rows;
  }

  /**
   * The bring-up graph's longest chain with each task taking its host's activity time in that phase
   * (a cluster task: its slowest host's): no schedule of these commands finishes sooner.
   */
  static Chain chain(WorkflowClient client, String workflowId, Inventory inv) {
    Map<Phase, Map<String, Long>> busy = busy(client, workflowId);
    Map<String, String> hostOfChild = new HashMap<>();
    inv.hosts()
        .forEach(h -> hostOfChild.put(WorkflowIds.host(inv.clusterName(), h.name()), h.name()));
    Map<Phase, Map<String, Long>> byHost = new EnumMap<>(Phase.class);
    busy.forEach(
        (phase, perKey) ->
            perKey.forEach(
                (key, ms) ->
                    byHost
                        .computeIfAbsent(phase, p -> new HashMap<>())
                        .merge(hostOfChild.getOrDefault(key, key), ms, Long::sum)));
    BringUpGraph graph = BringUpGraph.of(inv, PlanRenderer.render(inv));
    return graph.longestChain(
        t -> {
          Map<String, Long> perHost = byHost.getOrDefault(t.phase(), Map.of());
          return t.clusterWide()
              ? perHost.values().stream().mapToLong(Long::longValue).max().orElse(0)
              : perHost.getOrDefault(t.host(), 0L);
        });
  }

  /** Per phase, per host (a child: its workflow id), the summed activity time. */
  private static Map<Phase, Map<String, Long>> busy(WorkflowClient client, String workflowId) {
    Map<Phase, Map<String, Long>> busy = new EnumMap<>(Phase.class);
    for (WorkflowExecutionHistory h : RunHistory.fetch(client, workflowId).histories()) {
      String run = h.getWorkflowExecution().getWorkflowId();
      Map<Long, Activity> scheduled = new HashMap<>();
      Map<Long, Long> started = new HashMap<>();
      for (HistoryEvent e : h.getEvents()) {
        long at = e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
        switch (e.getEventType()) {
          case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
            var a = e.getActivityTaskScheduledEventAttributes();
            // Everything in a host's child is that host's: key it by the child, whatever the
            // activity.
            activity(a.getActivityType().getName(), a.getInput(), run)
                .map(act -> run.equals(workflowId) ? act : new Activity(act.phase(), run))
                .ifPresent(act -> scheduled.put(e.getEventId(), act));
          }
          case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
              started.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), at);
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
              EVENT_TYPE_ACTIVITY_TASK_FAILED,
              EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
            long id = scheduledId(e);
            Activity act = scheduled.get(id);
            if (act != null && started.containsKey(id)) {
              busy.computeIfAbsent(act.phase(), p -> new HashMap<>())
                  .merge(act.host(), at - started.get(id), Long::sum);
            }
          }
          default -> {}
        }
      }
    }
    return busy;
  }

  /** The table bench/run and docs/BENCHMARKS.md show. */
  static String table(List<Row> rows) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                "  %-26s %9s %9s %9s %6s%n", "phase", "wall ms", "path ms", "over ms", "ratio"));
    long wall = 0;
    long path = 0;
    for (Row r : rows) {
      s.append(
          String.format(
              "  %-26s %9d %9d %9d %6.2f%n",
              r.phase(),
              r.wallMillis(),
              r.pathMillis(),
              r.overheadMillis(),
              r.pathMillis() == 0 ? 0.0 : (double) r.wallMillis() / r.pathMillis()));
      if (r.phase() != Phase.AWAIT_INIT_APPROVAL) {
        wall += r.wallMillis();
        path += r.pathMillis();
      }
    }
    s.append(
        String.format(
            "  %-26s %9d %9d %9d %6.2f%n",
            "total (gate excluded)",
            wall,
            path,
            wall - path,
            path == 0 ? 0.0 : (double) wall / path));
    return s.toString();
  }

  private record Activity(Phase phase, String host) {}

  private static Optional<Activity> activity(String type, Payloads input, String workflowId) {
    return switch (type) {
      case "InspectHost" ->
          Optional.of(
              new Activity(Phase.PREFLIGHT, decode(input, InspectHostInput.class).target().host()));
      case "ApplyStep" -> {
        ApplyStepInput in = decode(input, ApplyStepInput.class);
        yield Optional.of(new Activity(in.step().phase(), in.target().host()));
      }
      case "FetchInventory" -> Optional.of(new Activity(Phase.PREPARE_NODES, workflowId));
      case "InitFirstControlPlane" ->
          Optional.of(
              new Activity(
                  Phase.INIT_FIRST_CONTROL_PLANE,
                  decode(input, InitInput.class).firstMaster().host()));
      case "InstallCni" ->
          Optional.of(
              new Activity(
                  Phase.INSTALL_CNI, decode(input, InstallCniInput.class).firstMaster().host()));
      case "JoinNode" -> {
        JoinInput in = decode(input, JoinInput.class);
        yield Optional.of(
            new Activity(
                in.controlPlane() ? Phase.JOIN_CONTROL_PLANES : Phase.JOIN_WORKERS,
                in.joining().host()));
      }
      case "PrepareControlPlaneJoin" ->
          Optional.of(
              new Activity(
                  Phase.PREPARE_CONTROL_PLANE_JOINS,
                  decode(input, JoinInput.class).joining().host()));
      case "VerifyCluster" ->
          Optional.of(
              new Activity(
                  Phase.VERIFY_CLUSTER, decode(input, VerifyInput.class).firstMaster().host()));
      default -> Optional.empty();
    };
  }

  private static long scheduledId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          e.getActivityTaskFailedEventAttributes().getScheduledEventId();
      default -> e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
    };
  }
}
