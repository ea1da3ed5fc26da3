package io.kubeha.plan.graph;

import java.util.List;

/**
 * The part of a bring-up graph a group of hosts runs: the hosts' tasks and, with no needs of their
 * own, the tasks elsewhere they wait for (preflight, the time server, init, the CNI), each with
 * what it needs, in the graph's order. Data, so a child run can receive it.
 */
public record GraphPart(List<TaskNeeds> tasks) {

  /** One task and the tasks it waits for. */
  public record TaskNeeds(Task task, List<Task> needs) {
    public TaskNeeds {
      needs = List.copyOf(needs);
    }
  }

  public GraphPart {
    tasks = List.copyOf(tasks);
  }
}
