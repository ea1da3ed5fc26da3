package io.kubeha.workflow.bringup;

import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostFacts;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.GraphState;
import io.kubeha.plan.graph.HostGroups;
import io.kubeha.plan.graph.HostGroups.Group;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.engine.BoundedFanOut.Outcome;
import io.kubeha.workflow.engine.CarriedFailure;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * A big bring-up's groups of hosts, seen from the parent: one HostGroup child each, which inspects,
 * prepares, syncs and joins its hosts. The parent tells a group when one of its own tasks the
 * group's wait for ends (preflight, the time server, init, the CNI); a group tells the parent its
 * inspection, then now and then the tasks that ended and its hosts' progress, and the rest at its
 * end. The parent's history holds a few events per group instead of a dozen per host.
 */
final class ChildGroups implements Elsewhere {
  private static final Logger log = Workflow.getLogger(ChildGroups.class);

  private final BringUpContext ctx;
  private final BringUpGraph graph;
  private final HostGroups split;
  private final Map<String, Group> groupOf = new HashMap<>();
  // The groups whose tasks wait for each of the parent's tasks, in order: signals are commands.
  private final Map<Task, Set<Integer>> waiting = new HashMap<>();
  private final Map<Integer, Promise<GroupOutcome>> runs = new LinkedHashMap<>();
  private final GroupInspections inspections = new GroupInspections();
  private final Map<Integer, Set<Task>> endedIn = new HashMap<>();
  private final Set<Integer> over = new HashSet<>();
  private final List<TaskEnd> heard = new ArrayList<>();
  private final List<PhaseSpan> spans = new ArrayList<>();

  ChildGroups(BringUpContext ctx, BringUpGraph graph, HostGroups split) {
    this.ctx = ctx;
    this.graph = graph;
    this.split = split;
    for (Group g : split.groups()) {
      g.hosts().forEach(h -> groupOf.put(h, g));
      endedIn.put(g.index(), new HashSet<>());
    }
    for (Task t : graph.tasks()) {
      if (runs(t)) {
        for (Task need : graph.needs(t)) {
          if (!runs(need)) {
            waiting.computeIfAbsent(need, n -> new TreeSet<>()).add(groupOf.get(t.host()).index());
          }
        }
      }
    }
  }

  /** The hosts the parent works on itself. */
  List<String> parentHosts() {
    return split.parentHosts();
  }

  /** Starts every group's child run. */
  void start() {
    for (Group g : split.groups()) {
      String id = WorkflowIds.hostGroup(ctx.inventory().clusterName(), g.index());
      ChildWorkflowOptions options =
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(id)
              .setStaticSummary(
                  "Bring up "
                      + g.hosts().size()
                      + " hosts, "
                      + g.hosts().get(0)
                      + " to "
                      + g.hosts().get(g.hosts().size() - 1))
              .build();
      HostGroup child = Workflow.newChildWorkflowStub(HostGroup.class, options);
      runs.put(g.index(), Async.function(child::run, new HostGroupInput(g.index())));
      log.info("group {}: {} hosts, {} at once", g.index(), g.hosts().size(), g.share());
    }
  }

  /** What group index needs to run (the groupWork query). */
  GroupWork work(int index) {
    return GroupSlice.of(ctx, graph, split.groups().get(index - 1));
  }

  /** A group's report (a signal): its hosts' progress shown, its inspection and ends kept. */
  void report(GroupReport r) {
    heard.addAll(take(r));
  }

  /** Shows a report's progress, keeps its inspection; its ends. */
  private List<TaskEnd> take(GroupReport r) {
    if (r.inspection() != null) {
      inspections.keep(r.group(), r.inspection());
    }
    ctx.reportAll(r.rows());
    r.ends().forEach(e -> endedIn.get(r.group()).add(e.task()));
    return r.ends();
  }

  /**
   * Preflight's facts of every host once every group told its inspection: the parent's own and the
   * groups', in plan order; fails as a fan-out would, naming every host not inspected.
   */
  List<HostFacts> inspected(List<Outcome<HostFacts>> own) {
    Workflow.await(
        () ->
            split.groups().stream().allMatch(g -> inspections.has(g.index()) || isOver(g.index())));
    return inspections.facts(
        own,
        split.groups(),
        this::whyNoInspection,
        ctx.plan().hosts().stream().map(HostPlan::host).toList());
  }

  @Override
  public boolean runs(Task t) {
    return !t.clusterWide() && groupOf.containsKey(t.host());
  }

  @Override
  public void ended(Task t, TemporalFailure failure, List<Task> blocked) {
    tell(failure == null ? TaskEnd.done(t) : TaskEnd.notDone(t));
    blocked.forEach(b -> tell(TaskEnd.notDone(b)));
  }

  /** Signals the end of one of the parent's tasks to the groups whose tasks wait for it. */
  private void tell(TaskEnd end) {
    if (CancellationScope.current().isCancelRequested()) {
      return; // the groups are cancelled with their parent: they wait for nothing more
    }
    for (int index : waiting.getOrDefault(end.task(), Set.of())) {
      if (!runs.get(index).isCompleted()) {
        HostGroup group =
            Workflow.newExternalWorkflowStub(
                HostGroup.class, WorkflowIds.hostGroup(ctx.inventory().clusterName(), index));
        // Not waited for: a group that ended in between needs it no more.
        Async.procedure(group::parentTaskEnded, end).handle((r, e) -> null);
      }
    }
  }

  @Override
  public List<TaskEnd> learned() {
    List<TaskEnd> ends = new ArrayList<>(heard);
    heard.clear();
    for (Map.Entry<Integer, Promise<GroupOutcome>> run : runs.entrySet()) {
      if (run.getValue().isCompleted() && over.add(run.getKey())) {
        ends.addAll(lastOf(run.getKey(), run.getValue()));
      }
    }
    return ends;
  }

  @Override
  public boolean news() {
    return !heard.isEmpty()
        || runs.entrySet().stream()
            .anyMatch(r -> r.getValue().isCompleted() && !over.contains(r.getKey()));
  }

  @Override
  public boolean waiting(GraphState state, boolean cancelled) {
    return runs.values().stream().anyMatch(r -> !r.isCompleted());
  }

  @Override
  public List<PhaseSpan> spans() {
    return List.copyOf(spans);
  }

  /** A group's last word: its last report, or, when it ended without one, its hosts failed. */
  private List<TaskEnd> lastOf(int index, Promise<GroupOutcome> run) {
    GroupOutcome outcome;
    try {
      outcome = run.get();
    } catch (TemporalFailure e) {
      outcome = HostGroupImpl.outcomeOf(e);
      if (outcome == null) {
        return CancellationScope.current().isCancelRequested() ? List.of() : failedHosts(index, e);
      }
    }
    spans.addAll(outcome.spans());
    return take(outcome.last());
  }

  /** Each host of a group that ended without its outcome fails at its first task not ended. */
  private List<TaskEnd> failedHosts(int index, TemporalFailure e) {
    log.error("group {} ended without its outcome: {}", index, e.getMessage());
    Set<Task> ended = endedIn.get(index);
    Set<String> failed = new HashSet<>();
    List<TaskEnd> ends = new ArrayList<>();
    for (Task t : graph.tasks()) {
      if (runs(t) && groupOf.get(t.host()).index() == index && !ended.contains(t)) {
        if (failed.add(t.host())) {
          ends.add(new TaskEnd(t, false, CarriedFailure.of(e)));
        }
      }
    }
    return ends;
  }

  private boolean isOver(int index) {
    return runs.get(index).isCompleted();
  }

  /** Why a group ended before it told its inspection. */
  private TemporalFailure whyNoInspection(int index) {
    try {
      runs.get(index).get();
      return ApplicationFailure.newNonRetryableFailure(
          "group " + index + " ended without inspecting its hosts", "NoInspection");
    } catch (TemporalFailure e) {
      return e;
    }
  }
}
