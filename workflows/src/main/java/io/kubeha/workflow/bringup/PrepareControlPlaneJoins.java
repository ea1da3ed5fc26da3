package io.kubeha.workflow.bringup;

import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The joining control planes' kubeadm preflight and control-plane-prepare, in parallel within the
 * bound: they change nothing in the cluster, so only the rest of each join waits for the one
 * before.
 */
final class PrepareControlPlaneJoins implements ParallelHostsPhase {
  private static final Logger log = Workflow.getLogger(PrepareControlPlaneJoins.class);

  @Override
  public Phase id() {
    return Phase.PREPARE_CONTROL_PLANE_JOINS;
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    JoinResult r = ClusterCall.prepareJoin(ctx, host);
    log.info("{}: control-plane join prepared{}", host, r.adopted() ? " (already had)" : "");
    return StepTally.one(!r.adopted());
  }
}
