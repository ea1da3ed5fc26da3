package io.kubeha.workflow.bringup;

import io.kubeha.activity.InstallCniInput;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/** The CNI add-on, applied from the first master; without it no node turns Ready. */
final class InstallCni implements BringUpPhase {

  @Override
  public Phase id() {
    return Phase.INSTALL_CNI;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    String host = ctx.inventory().firstControlPlane().name();
    Step step = ctx.onlyStep(host, id());
    // Nodes registered so far: the first master; joins come later and wait for Ready themselves.
    InstallCniInput input = new InstallCniInput(ctx.firstMaster(), step, List.of(host));
    StepResult r =
        HostCalls.only(
            ctx::report,
            id(),
            host,
            step.id(),
            () -> ActivityStubs.clusterChange(host, step.id()).installCni(input));
    return StepTally.one(r.changed());
  }
}
