package io.kubeha.plan.daytwo;

import java.util.List;

/** A host's part of a wave: its steps, in order, as its row of the hosts board names them. */
public record HostTurn(String host, List<PlannedStep> steps) {

  public HostTurn {
    steps = List.copyOf(steps);
  }
}
