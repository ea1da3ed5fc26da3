package io.kubeha.plan.graph;

import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Where one run of a graph stands: what is ready, running, done, failed or blocked. Each change
 * touches only the task's own dependents, so a run of thousands of tasks stays linear (workflow
 * code replays it all after a worker restart).
 */
public final class GraphState {
  private final BringUpGraph graph;
  private final Map<Task, Integer> index = new HashMap<>();
  private final Map<Task, Integer> unmet = new HashMap<>();
  private final TreeSet<Integer> ready = new TreeSet<>();
  private final Map<Phase, Integer> open = new EnumMap<>(Phase.class);
  private final Map<Phase, Integer> running = new EnumMap<>(Phase.class);
  private final List<Task> tasks;
  private final Set<Task> blocked = new HashSet<>();
  private final Set<Task> ended = new HashSet<>();

  public GraphState(BringUpGraph graph) {
    this.graph = graph;
    this.tasks = graph.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      index.put(t, i);
      int needs = graph.needs(t).size();
      unmet.put(t, needs);
      if (needs == 0) {
        ready.add(i);
      }
      open.merge(t.phase(), 1, Integer::sum);
    }
  }

  /** The tasks whose needs are all done and that have not started, in the plan's order. */
  public List<Task> ready() {
    List<Task> r = new ArrayList<>(ready.size());
    ready.forEach(i -> r.add(tasks.get(i)));
    return r;
  }

  public void started(Task t) {
    ready.remove(index.get(t));
    running.merge(t.phase(), 1, Integer::sum);
  }

  /** How many tasks of the group run now. */
  public int running(Phase group) {
    return running.getOrDefault(group, 0);
  }

  /** The groups with a running task, earliest first. */
  public List<Phase> runningGroups() {
    return running.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The earliest group with a task neither done nor failed nor blocked: the run's phase. */
  public Optional<Phase> earliestOpen() {
    return open.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** A task ended well (or had nothing to do): its dependents may become ready. */
  public void done(Task t) {
    end(t);
    for (Task d : graph.neededBy(t)) {
      if (unmet.merge(d, -1, Integer::sum) == 0 && !blocked.contains(d)) {
        ready.add(index.get(d));
      }
    }
  }

  /** True when a task ended or was blocked: nothing more happens to it. */
  public boolean closed(Task t) {
    return ended.contains(t) || blocked.contains(t);
  }

  /** True when a task that which picks is neither ended nor blocked. */
  public boolean anyOpen(Predicate<Task> which) {
    return tasks.stream()
        .anyMatch(t -> which.test(t) && !ended.contains(t) && !blocked.contains(t));
  }

  /**
   * A task failed: everything that needs it is blocked, nothing else. Returns the blocked. (A task
   * another run failed may be told before its needs are done here: it never becomes ready.)
   */
  public List<Task> failed(Task t) {
    end(t);
    blocked.add(t);
    List<Task> stopped = new ArrayList<>();
    for (Task b : graph.blockedBy(t)) {
      // A task is blocked once, though it may need several failed tasks.
      if (blocked.add(b)) {
        stopped.add(b);
        open.merge(b.phase(), -1, Integer::sum);
      }
    }
    return stopped;
  }

  private void end(Task t) {
    ended.add(t);
    ready.remove(index.get(t));
    running.computeIfPresent(t.phase(), (p, n) -> n - 1);
    open.merge(t.phase(), -1, Integer::sum);
  }
}
