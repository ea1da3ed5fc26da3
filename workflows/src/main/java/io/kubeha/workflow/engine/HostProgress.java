package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;

/**
 * A host's progress within one phase, as its runner reports it. seq grows with every report of one
 * runner, so a report that arrives late never overwrites a newer one.
 */
public record HostProgress(
    String host,
    Phase phase,
    String stepId,
    int done,
    int total,
    int attempts,
    String lastError,
    long seq) {}
