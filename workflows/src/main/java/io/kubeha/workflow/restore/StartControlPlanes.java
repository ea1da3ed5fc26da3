package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/**
 * etcd back on every control plane at once (a member alone has no quorum, so none waits for health
 * before all are started), then each member healthy, then the API server, controller-manager and
 * scheduler on each.
 */
final class StartControlPlanes implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.START_CONTROL_PLANES;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    StepTally tally = RestoreSteps.onEvery(ctx, id(), steps());
    ctx.started();
    return tally;
  }

  /** etcd on every node, then each healthy, then the rest of each control plane. */
  static RestoreSteps.Step[] steps() {
    return new RestoreSteps.Step[] {
      new RestoreSteps.Step(RestoreContext.START_ETCD, EtcdRestoreActivities::startEtcd),
      new RestoreSteps.Step(RestoreContext.ETCD_HEALTHY, EtcdRestoreActivities::awaitEtcdHealthy),
      new RestoreSteps.Step(RestoreContext.START, EtcdRestoreActivities::startControlPlane)
    };
  }
}
