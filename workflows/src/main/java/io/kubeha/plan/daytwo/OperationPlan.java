package io.kubeha.plan.daytwo;

import java.util.List;

/**
 * What a day-2 operation will run, rendered from the inventory alone: its waves in order.
 * placeholders name what only the run knows ("@RESTORE_ID@: ..."); nothing secret is in it.
 */
public record OperationPlan(
    String operation, String cluster, String summary, List<String> placeholders, List<Wave> waves) {

  public OperationPlan {
    placeholders = List.copyOf(placeholders);
    waves = List.copyOf(waves);
  }

  /** Every step of the plan on host, in order. */
  public List<PlannedStep> steps(String host) {
    return waves.stream()
        .flatMap(w -> w.hosts().stream())
        .filter(t -> t.host().equals(host))
        .flatMap(t -> t.steps().stream())
        .toList();
  }
}
