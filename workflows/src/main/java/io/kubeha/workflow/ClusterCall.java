package io.kubeha.workflow;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import java.util.function.Supplier;

/**
 * One cluster-level activity (init, CNI, a join) for one host's step: reports the host's progress
 * around it and fails naming host and step. The activity's own retry policy does the retrying.
 */
final class ClusterCall {
  private ClusterCall() {}

  static <R> R run(BringUpContext ctx, Phase phase, String host, Step step, Supplier<R> call) {
    HostCalls calls = new HostCalls(ctx::report, phase, host, 1);
    R result = calls.call(0, step.id(), call);
    calls.shown(1);
    return result;
  }
}
