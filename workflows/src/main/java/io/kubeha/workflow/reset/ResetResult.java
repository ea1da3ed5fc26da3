package io.kubeha.workflow.reset;

import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/** How a reset went; endedAt is workflow time (epoch millis) when the cluster was gone. */
public record ResetResult(
    String cluster, List<String> reset, List<PhaseOutcome> phases, long endedAt) {}
