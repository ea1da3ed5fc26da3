package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;
import java.util.List;

/**
 * The answer of the phase query. phase is the earliest phase not finished (the KubehaPhase search
 * attribute), active the phases with work under way now (several while a bring-up's graph overlaps
 * them). startedAt is workflow time in epoch millis when phase began, null before any phase.
 */
public record PhaseView(
    Phase phase, String title, Long startedAt, boolean waitingForApproval, List<Phase> active) {

  public PhaseView {
    active = active == null ? List.of() : List.copyOf(active);
  }
}
