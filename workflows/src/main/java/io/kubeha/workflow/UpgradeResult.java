package io.kubeha.workflow;

import java.util.List;

/** How an upgrade went: the nodes now at the version, phase by phase. */
public record UpgradeResult(
    String cluster, String version, List<String> upgraded, List<PhaseOutcome> phases) {}
