package io.kubeha.workflow.check;

import io.kubeha.activity.VerifyReport;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/** What the check verified, and what the workload answered to each probe. */
public record CheckResult(
    String cluster,
    VerifyReport verified,
    WorkloadCheckResult workload,
    List<PhaseOutcome> phases,
    List<String> warnings) {

  /**
   * The failure type of a check whose probes did not all answer; its details hold the
   * WorkloadCheckResult, every probe with its answer.
   */
  public static final String PROBES_FAILED = "WorkloadCheckFailed";
}
