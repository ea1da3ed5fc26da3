package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/**
 * Every control plane's API server, controller-manager, scheduler, then etcd stopped: nothing
 * writes to etcd.
 */
final class StopControlPlanes implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.STOP_CONTROL_PLANES;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    ctx.stopping();
    return RestoreSteps.onEvery(
        ctx,
        id(),
        new RestoreSteps.Step(RestoreContext.STOP, EtcdRestoreActivities::stopControlPlane));
  }
}
