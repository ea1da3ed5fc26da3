package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.plan.Phase;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.GraphState;
import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.bringup.GroupReport.HostFailure;
import io.kubeha.workflow.bringup.GroupReport.Inspection;
import io.kubeha.workflow.engine.BoundedFanOut.Outcome;
import io.kubeha.workflow.engine.CarriedFailure;
import io.kubeha.workflow.engine.HostProgress;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * A group's side of its parent bring-up: the parent's tasks it waits for (their ends arrive as
 * signals), and its reports to the parent, one at a time and in order (a report due while the one
 * before is on its way waits for it, without holding up the group): the inspection, then whenever
 * its earliest phase moves or about 1/REPORTS of its tasks ended since the last, so a group costs
 * the parent's history a bounded number of signals whatever its size or its run's length.
 */
final class ParentLink implements Elsewhere {
  /** Reports a group sends as its tasks end, besides one per phase it moves on to. */
  static final int REPORTS = 20;

  private static final Logger log = Workflow.getLogger(ParentLink.class);

  private final int group;
  private final ClusterBringUp parent;
  private final Set<String> hosts;
  private final List<TaskEnd> fromParent;
  private final int reportEvery;
  private final List<TaskEnd> ends = new ArrayList<>();
  private final Map<String, HostProgress> rows = new LinkedHashMap<>();
  private Inspection inspection;
  private Phase earliest = Phase.PREFLIGHT;
  private boolean due;
  private Promise<Void> lastSent = Workflow.newPromise(null);

  /** fromParent: where the group's signal handler puts the parent's task ends. */
  ParentLink(
      int group,
      ClusterBringUp parent,
      BringUpGraph graph,
      Set<String> hosts,
      List<TaskEnd> fromParent) {
    this.group = group;
    this.parent = parent;
    this.hosts = hosts;
    this.fromParent = fromParent;
    long own = graph.tasks().stream().filter(t -> !runs(t)).count();
    this.reportEvery = (int) Math.max(1, own / REPORTS);
  }

  /** A progress report the group's board applied: the parent's board gets it later. */
  void row(HostProgress p) {
    String key = p.host() + "/" + p.phase();
    rows.remove(key);
    rows.put(key, p);
  }

  /** Tells the parent the group's hosts as preflight saw them. */
  void inspected(List<Outcome<HostFacts>> outcomes) {
    List<HostFacts> facts = new ArrayList<>();
    List<HostFailure> failed = new ArrayList<>();
    for (Outcome<HostFacts> o : outcomes) {
      if (o.failure() == null) {
        facts.add(o.result());
      } else {
        failed.add(new HostFailure(o.host(), CarriedFailure.of(o.failure())));
      }
    }
    inspection = new Inspection(facts, failed);
    due = true;
    sendIfDue();
  }

  /** What is not told yet, for the group's outcome. */
  GroupReport last() {
    return take();
  }

  /** Waits until the parent took the last report sent. */
  void awaitSent() {
    try {
      lastSent.get();
    } catch (TemporalFailure e) {
      log.warn("group {}: the parent did not take a report: {}", group, e.getMessage());
    }
  }

  @Override
  public boolean runs(Task t) {
    return t.clusterWide() || !hosts.contains(t.host());
  }

  @Override
  public void ended(Task t, TemporalFailure failure, List<Task> blocked) {
    if (!runs(t)) {
      ends.add(
          failure == null ? TaskEnd.done(t) : new TaskEnd(t, false, CarriedFailure.of(failure)));
    }
  }

  @Override
  public List<TaskEnd> learned() {
    List<TaskEnd> learned = List.copyOf(fromParent);
    fromParent.clear();
    return learned;
  }

  /** The parent told something, or a due report can go now. */
  @Override
  public boolean news() {
    return !fromParent.isEmpty() || (due && lastSent.isCompleted());
  }

  /** Waits for the parent while one of its own tasks is neither ended nor blocked. */
  @Override
  public boolean waiting(GraphState state, boolean cancelled) {
    return !cancelled && state.anyOpen(t -> !runs(t));
  }

  @Override
  public void round(GraphState state) {
    Phase now = state.earliestOpen().orElse(Phase.DONE);
    if (now != earliest || ends.size() >= reportEvery) {
      earliest = now;
      due = true;
    }
    sendIfDue();
  }

  /** Sends what is not told yet once the parent took the report before (their order holds). */
  private void sendIfDue() {
    if (CancellationScope.current().isCancelRequested()) {
      // Nothing more goes to a parent that cancelled: nor is it news for the run's loop.
      due = false;
      return;
    }
    if (!due || !lastSent.isCompleted()) {
      return;
    }
    due = false;
    awaitSent(); // completed: only logs a report the parent did not take
    GroupReport report = take();
    if (report.inspection() != null || !report.ends().isEmpty() || !report.rows().isEmpty()) {
      lastSent = Async.procedure(parent::groupReport, report);
    }
  }

  private GroupReport take() {
    GroupReport report =
        new GroupReport(group, inspection, List.copyOf(ends), List.copyOf(rows.values()));
    inspection = null;
    ends.clear();
    rows.clear();
    return report;
  }
}
