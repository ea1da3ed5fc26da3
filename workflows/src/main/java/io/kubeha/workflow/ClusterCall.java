package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * One cluster-level activity (init, CNI, a join) for one host's step: reports the host's progress
 * around it and fails naming host and step. The activity's own retry policy does the retrying.
 */
final class ClusterCall {
  private ClusterCall() {}

  static <R> R run(BringUpContext ctx, Phase phase, String host, Step step, Supplier<R> call) {
    ctx.report(new HostProgress(host, phase, step.id(), 0, 1, 1, null, 1));
    try {
      R result = call.get();
      ctx.report(new HostProgress(host, phase, null, 1, 1, 0, null, 2));
      return result;
    } catch (ActivityFailure e) {
      String error = FailureText.of(e);
      ctx.report(new HostProgress(host, phase, step.id(), 0, 1, 1, error, 2));
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          host + ": step " + step.id() + ": " + error, StepRunner.STEP_FAILED, e);
    }
  }
}
