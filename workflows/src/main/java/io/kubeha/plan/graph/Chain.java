package io.kubeha.plan.graph;

import java.util.List;

/** A dependency chain through the graph and its length: the run's critical path when longest. */
public record Chain(List<Task> tasks, long millis) {
  public Chain {
    tasks = List.copyOf(tasks);
  }
}
