package io.kubeha.workflow.removal;

import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/** What a removal did, phase by phase; removed lists the nodes gone from the cluster. */
public record RemovalResult(
    String cluster, List<String> removed, List<PhaseOutcome> phases, List<String> warnings) {}
