package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/**
 * Each member's data restored from the snapshot into the new cluster; none starts until all are
 * restored.
 */
final class RestoreEtcd implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.RESTORE_ETCD;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    StepTally tally =
        RestoreSteps.onEvery(
            ctx,
            id(),
            new RestoreSteps.Step(RestoreContext.RESTORE, EtcdRestoreActivities::restoreMember));
    ctx.controlPlanes().forEach(ctx::restored);
    return tally;
  }
}
