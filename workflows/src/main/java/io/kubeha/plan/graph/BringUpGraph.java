package io.kubeha.plan.graph;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The bring-up as one declared graph: tasks from the plan, edges from the runbook's real orders
 * (see {@link RunbookEdges}). A task may start the moment every task it needs is done; phases
 * remain only as the groups tasks are shown in. Tasks keep the plan's order, so every answer is
 * deterministic.
 */
public final class BringUpGraph {
  private final Map<Task, List<Step>> steps;
  private final Map<Task, Set<Task>> needs;
  private final Map<Task, Set<Task>> neededBy = new HashMap<>();

  BringUpGraph(Map<Task, List<Step>> steps, Map<Task, Set<Task>> needs) {
    this.steps = steps;
    this.needs = needs;
    needs.forEach(
        (t, ns) -> ns.forEach(n -> neededBy.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(t)));
    requireAcyclic();
  }

  /** The graph of inv's bring-up, its host tasks holding plan's steps. */
  public static BringUpGraph of(Inventory inv, Plan plan) {
    return RunbookEdges.build(inv, plan);
  }

  /**
   * The part of the graph the hosts run: their tasks with their needs, and the tasks elsewhere
   * those need, as bare tasks.
   */
  public GraphPart part(Collection<String> hosts) {
    Set<String> own = new HashSet<>(hosts);
    Set<Task> elsewhere = new HashSet<>();
    steps.keySet().stream()
        .filter(t -> own.contains(t.host()))
        .forEach(
            t -> needs(t).stream().filter(n -> !own.contains(n.host())).forEach(elsewhere::add));
    List<GraphPart.TaskNeeds> part = new ArrayList<>();
    for (Task t : steps.keySet()) {
      if (own.contains(t.host())) {
        part.add(new GraphPart.TaskNeeds(t, List.copyOf(needs(t))));
      } else if (elsewhere.contains(t)) {
        part.add(new GraphPart.TaskNeeds(t, List.of()));
      }
    }
    return new GraphPart(part);
  }

  /** The graph of a part, its hosts' tasks holding plan's steps (the tasks elsewhere none). */
  public static BringUpGraph of(GraphPart part, Plan plan) {
    Builder g = new Builder();
    for (GraphPart.TaskNeeds t : part.tasks()) {
      Task task = t.task();
      g.add(
          task,
          task.clusterWide() ? List.of() : plan.steps(task.host(), task.phase()),
          t.needs().toArray(Task[]::new));
    }
    return g.build();
  }

  /** Every task, in the plan's order (cluster-wide tasks where they first become possible). */
  public List<Task> tasks() {
    return List.copyOf(steps.keySet());
  }

  /** The host's steps a task runs, in order; none for a cluster-wide task. */
  public List<Step> steps(Task task) {
    return steps.getOrDefault(task, List.of());
  }

  /** What task waits for, in the order the edges were declared. */
  public Set<Task> needs(Task task) {
    return needs.getOrDefault(task, Set.of());
  }

  /** What waits for task directly. */
  public Set<Task> neededBy(Task task) {
    return neededBy.getOrDefault(task, Set.of());
  }

  /** What a failed task stops: everything that needs it, directly or not; nothing unrelated. */
  public Set<Task> blockedBy(Task failed) {
    Set<Task> blocked = new LinkedHashSet<>();
    Deque<Task> todo = new ArrayDeque<>(neededBy.getOrDefault(failed, Set.of()));
    while (!todo.isEmpty()) {
      Task t = todo.removeFirst();
      if (blocked.add(t)) {
        todo.addAll(neededBy.getOrDefault(t, Set.of()));
      }
    }
    return blocked;
  }

  /** The phases (groups) the running tasks belong to, for display. */
  public Set<Phase> groups(Collection<Task> running) {
    Set<Phase> groups = EnumSet.noneOf(Phase.class);
    running.forEach(t -> groups.add(t.phase()));
    return groups;
  }

  /** The tasks by depth: each level needs only tasks of levels before it (an Ansible play each). */
  public List<List<Task>> levels() {
    Map<Task, Integer> depth = new HashMap<>();
    List<List<Task>> levels = new ArrayList<>();
    for (Task t : topological()) {
      int d =
          needs.getOrDefault(t, Set.of()).stream().mapToInt(n -> depth.get(n) + 1).max().orElse(0);
      depth.put(t, d);
      if (levels.size() == d) {
        levels.add(new ArrayList<>());
      }
      levels.get(d).add(t);
    }
    return levels.stream().map(List::copyOf).toList();
  }

  /** The longest chain of needs, each task taking millis: no schedule can finish sooner. */
  public Chain longestChain(ToLongFunction<Task> millis) {
    Map<Task, Long> end = new HashMap<>();
    Map<Task, Task> via = new HashMap<>();
    Task last = null;
    for (Task t : topological()) {
      Task before = null;
      for (Task n : needs.getOrDefault(t, Set.of())) {
        if (before == null || end.get(n) > end.get(before)) {
          before = n;
        }
      }
      via.put(t, before);
      end.put(t, (before == null ? 0 : end.get(before)) + millis.applyAsLong(t));
      if (last == null || end.get(t) >= end.get(last)) {
        last = t;
      }
    }
    List<Task> chain = new ArrayList<>();
    for (Task t = last; t != null; t = via.get(t)) {
      chain.add(0, t);
    }
    return new Chain(chain, last == null ? 0 : end.get(last));
  }

  /** Kahn's order, round by round as a run without bounds would start them, ties in plan order. */
  private List<Task> topological() {
    GraphState state = new GraphState(this);
    List<Task> order = new ArrayList<>();
    while (order.size() < steps.size()) {
      List<Task> next = state.ready();
      if (next.isEmpty()) {
        throw new IllegalStateException(
            "the bring-up graph has a cycle among " + pending(new HashSet<>(order)));
      }
      next.forEach(state::started);
      next.forEach(state::done);
      order.addAll(next);
    }
    return order;
  }

  private void requireAcyclic() {
    needs.forEach(
        (t, ns) -> {
          if (!steps.containsKey(t) || !steps.keySet().containsAll(ns)) {
            throw new IllegalStateException(t + " needs a task not in the graph: " + ns);
          }
        });
    topological();
  }

  private List<Task> pending(Set<Task> done) {
    return steps.keySet().stream().filter(t -> !done.contains(t)).toList();
  }

  /** Collects tasks and needs in insertion order. */
  static final class Builder {
    private final Map<Task, List<Step>> steps = new LinkedHashMap<>();
    private final Map<Task, Set<Task>> needs = new LinkedHashMap<>();

    Task add(Task task, List<Step> taskSteps, Task... after) {
      steps.put(task, List.copyOf(taskSteps));
      needs.put(task, new LinkedHashSet<>(List.of(after)));
      return task;
    }

    boolean has(Task task) {
      return steps.containsKey(task);
    }

    void need(Task task, Task first) {
      needs.get(task).add(first);
    }

    List<Task> tasks(Phase phase) {
      return steps.keySet().stream().filter(t -> t.phase() == phase).toList();
    }

    List<Task> tasks() {
      return List.copyOf(steps.keySet());
    }

    BringUpGraph build() {
      Map<Task, Set<Task>> frozen = new LinkedHashMap<>();
      // Insertion-ordered, never Set.copyOf: its iteration order changes from one JVM to the next.
      needs.forEach((t, ns) -> frozen.put(t, Collections.unmodifiableSet(new LinkedHashSet<>(ns))));
      return new BringUpGraph(new LinkedHashMap<>(steps), frozen);
    }
  }
}
