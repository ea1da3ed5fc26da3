package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;

/** Every other host as the NTP server's client, in parallel within the bound. */
final class SyncTimeClients implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.SYNC_TIME_CLIENTS;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.hostsIn(id()).isEmpty();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    return ctx.applySteps(id(), ctx.hostsIn(id()));
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return ctx.applySteps(id(), host);
  }
}
