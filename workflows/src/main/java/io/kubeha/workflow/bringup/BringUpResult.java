package io.kubeha.workflow.bringup;

import io.kubeha.activity.VerifyReport;
import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/** What a finished bring-up did, phase by phase, and what verification saw. */
public record BringUpResult(
    String cluster,
    List<PhaseOutcome> phases,
    String adminConfPath,
    VerifyReport verify,
    List<String> warnings) {}
