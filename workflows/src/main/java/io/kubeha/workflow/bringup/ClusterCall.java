package io.kubeha.workflow.bringup;

import io.kubeha.activity.ClusterActivities;
import io.kubeha.activity.JoinInput;
import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import java.util.List;
import java.util.function.Function;

/**
 * A kubeadm join, or a control plane's prepare for it, the joining host's one step of its phase, on
 * its row of the hosts board (HostCalls.only: reported around it, failing naming host and step).
 * The activity's own retry policy retries.
 */
final class ClusterCall {
  private ClusterCall() {}

  /**
   * kubeadm join of host, as a control plane or a worker, its plan's one step in phase; from its
   * prepare step when the plan has one (a control plane in a run that prepares joins).
   */
  static JoinResult join(BringUpContext ctx, Phase phase, String host, boolean controlPlane) {
    Step step = ctx.onlyStep(host, phase);
    JoinInput input = input(ctx, host, controlPlane, step);
    return onRow(ctx, phase, host, step, activities -> activities.joinNode(input));
  }

  /** kubeadm join's preflight and control-plane-prepare on a joining control plane. */
  static JoinResult prepareJoin(BringUpContext ctx, String host) {
    Phase phase = Phase.PREPARE_CONTROL_PLANE_JOINS;
    Step step = ctx.onlyStep(host, phase);
    JoinInput input = input(ctx, host, true, ctx.onlyStep(host, Phase.JOIN_CONTROL_PLANES));
    return onRow(ctx, phase, host, step, activities -> activities.prepareControlPlaneJoin(input));
  }

  private static JoinResult onRow(
      BringUpContext ctx,
      Phase phase,
      String host,
      Step step,
      Function<ClusterActivities, JoinResult> call) {
    return HostCalls.only(
        ctx::report,
        phase,
        host,
        step.id(),
        () -> call.apply(ActivityStubs.clusterChange(host, step.id())));
  }

  private static JoinInput input(
      BringUpContext ctx, String host, boolean controlPlane, Step joinStep) {
    List<Step> prepare =
        controlPlane ? ctx.steps(host, Phase.PREPARE_CONTROL_PLANE_JOINS) : List.of();
    return new JoinInput(
        ctx.firstMaster(),
        ctx.target(host),
        controlPlane,
        joinStep,
        prepare.isEmpty() ? null : ctx.onlyStep(host, Phase.PREPARE_CONTROL_PLANE_JOINS));
  }
}
