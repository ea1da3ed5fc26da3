package io.kubeha.workflow.upgrade;

import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/** How an upgrade went: the nodes now at the version, phase by phase. */
public record UpgradeResult(
    String cluster, String version, List<String> upgraded, List<PhaseOutcome> phases) {}
