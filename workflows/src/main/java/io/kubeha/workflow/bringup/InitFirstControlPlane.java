package io.kubeha.workflow.bringup;

import io.kubeha.activity.InitInput;
import io.kubeha.activity.InitResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** kubeadm init on the first master, exactly once; the activity adopts an init that already ran. */
final class InitFirstControlPlane implements BringUpPhase {
  private static final Logger log = Workflow.getLogger(InitFirstControlPlane.class);

  @Override
  public Phase id() {
    return Phase.INIT_FIRST_CONTROL_PLANE;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    String host = ctx.inventory().firstControlPlane().name();
    Step step = ctx.onlyStep(host, id());
    InitResult r =
        HostCalls.only(
            ctx::report,
            id(),
            host,
            step.id(),
            () ->
                ActivityStubs.clusterChange(host, step.id())
                    .initFirstControlPlane(
                        new InitInput(ctx.firstMaster(), step, ctx.input().adminConfPath())));
    log.info(
        "{}: init {}; admin.conf at {}", host, r.adopted() ? "adopted" : "done", r.adminConfPath());
    ctx.adminConfPath(r.adminConfPath());
    return StepTally.one(!r.adopted());
  }
}
