package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;

/** The workers, in parallel within the bound. */
final class JoinWorkers implements ParallelHostsPhase {

  @Override
  public Phase id() {
    return Phase.JOIN_WORKERS;
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return StepTally.one(!ClusterCall.join(ctx, id(), host, false).adopted());
  }
}
