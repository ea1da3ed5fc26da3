package io.kubeha.workflow;

import io.kubeha.plan.Phase;

/**
 * The answer of the phase query. startedAt is workflow time in epoch millis, null before any phase.
 */
public record PhaseView(Phase phase, String title, Long startedAt, boolean waitingForApproval) {}
