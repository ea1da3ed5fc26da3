package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;

/** How one phase went: how long it took and how many of its steps changed something. */
public record PhaseOutcome(
    Phase phase, long millis, int stepsApplied, int stepsTotal, boolean skipped) {}
