package io.kubeha.workflow.bringup;

import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import java.util.function.Supplier;

/**
 * One cluster-level activity (init, CNI, a join) for one host's step: reports the host's progress
 * around it and fails naming host and step. The activity's own retry policy does the retrying.
 */
final class ClusterCall {
  private ClusterCall() {}

  /** kubeadm join of host, as a control plane or a worker, its plan's one step in phase. */
  static JoinResult join(BringUpContext ctx, Phase phase, String host, boolean controlPlane) {
    Step step = ctx.onlyStep(host, phase);
    JoinInput input = new JoinInput(ctx.firstMaster(), ctx.target(host), controlPlane, step);
    return run(
        ctx, phase, host, step, () -> ActivityStubs.clusterChange(host, step.id()).joinNode(input));
  }

  static <R> R run(BringUpContext ctx, Phase phase, String host, Step step, Supplier<R> call) {
    HostCalls calls = new HostCalls(ctx::report, phase, host, 1);
    R result = calls.call(0, step.id(), call);
    calls.shown(1);
    return result;
  }
}
