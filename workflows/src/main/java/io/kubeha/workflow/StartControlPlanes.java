package io.kubeha.workflow;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.plan.Phase;

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
    return RestoreSteps.onEvery(
        ctx,
        id(),
        new RestoreSteps.Step(RestoreContext.START_ETCD, EtcdRestoreActivities::startEtcd),
        new RestoreSteps.Step(RestoreContext.ETCD_HEALTHY, EtcdRestoreActivities::awaitEtcdHealthy),
        new RestoreSteps.Step(RestoreContext.START, EtcdRestoreActivities::startControlPlane));
  }
}
