package io.kubeha.workflow.check;

import io.kubeha.inventory.ImageReference;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * Verify, then run and probe the test workload: the shared phase engine with the check's phases.
 */
public final class ClusterCheckImpl extends OperationRun<CheckContext> implements ClusterCheck {
  public static final String INVALID_IMAGE = "InvalidImage";

  private static final List<OperationPhase<CheckContext>> PHASES =
      List.of(new VerifyBeforeCheck(), new RunWorkloadCheck());

  private final CheckContext ctx;

  @WorkflowInit
  public ClusterCheckImpl(CheckInput input) {
    ctx = new CheckContext(input, this::showDetails);
  }

  @Override
  public CheckResult run(CheckInput input) {
    InputCheck.inventory(input.inventory());
    ImageReference.problem(input.image())
        .ifPresent(
            problem -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "the image " + problem + "; nothing was touched", INVALID_IMAGE);
            });
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    CheckResult result = ctx.result(outcomes);
    Workflow.getLogger(ClusterCheckImpl.class)
        .info(
            "cluster {}: the workload answered {} probes from {} Pods",
            result.cluster(),
            result.workload().probes().size(),
            result.workload().pods().size());
    return result;
  }

  @Override
  protected CheckContext ctx() {
    return ctx;
  }
}
