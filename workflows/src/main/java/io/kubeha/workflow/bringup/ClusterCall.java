package io.kubeha.workflow.bringup;

import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;

/**
 * A kubeadm join, the joining host's one step, on its row of the hosts board (HostCalls.only:
 * reported around it, failing naming host and step). The activity's own retry policy retries.
 */
final class ClusterCall {
  private ClusterCall() {}

  /** kubeadm join of host, as a control plane or a worker, its plan's one step in phase. */
  static JoinResult join(BringUpContext ctx, Phase phase, String host, boolean controlPlane) {
    Step step = ctx.onlyStep(host, phase);
    JoinInput input = new JoinInput(ctx.firstMaster(), ctx.target(host), controlPlane, step);
    return HostCalls.only(
        ctx::report,
        phase,
        host,
        step.id(),
        () -> ActivityStubs.clusterChange(host, step.id()).joinNode(input));
  }
}
