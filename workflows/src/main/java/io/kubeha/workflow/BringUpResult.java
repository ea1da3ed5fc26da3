package io.kubeha.workflow;

import io.kubeha.activity.VerifyReport;
import java.util.List;

/** What a finished bring-up did, phase by phase, and what verification saw. */
public record BringUpResult(
    String cluster,
    List<PhaseOutcome> phases,
    String adminConfPath,
    VerifyReport verify,
    List<String> warnings) {}
