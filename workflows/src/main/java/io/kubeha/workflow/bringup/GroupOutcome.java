package io.kubeha.workflow.bringup;

import java.util.List;

/**
 * How a group of hosts ended: its last report (the tasks and progress not yet reported) and its
 * phases' spans and steps. A group whose tasks failed fails, this in its failure's details.
 */
public record GroupOutcome(GroupReport last, List<PhaseSpan> spans) {
  public GroupOutcome {
    spans = List.copyOf(spans);
  }
}
