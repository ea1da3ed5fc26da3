package io.kubeha.workflow.bringup;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/** The NTP server host's chrony, first, so the clients have a source. */
final class StartTimeServer implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.START_TIME_SERVER;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.steps(server(ctx), id()).isEmpty();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    return ctx.applySteps(id(), List.of(server(ctx)));
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    return ctx.applySteps(id(), host);
  }

  private static String server(BringUpContext ctx) {
    return ctx.inventory().ntpServer().name();
  }
}
