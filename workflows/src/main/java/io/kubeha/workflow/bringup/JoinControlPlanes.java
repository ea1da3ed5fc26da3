package io.kubeha.workflow.bringup;

import io.kubeha.activity.JoinResult;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** The other masters, strictly one at a time: etcd membership changes are not safe in parallel. */
final class JoinControlPlanes implements BringUpPhase {
  private static final Logger log = Workflow.getLogger(JoinControlPlanes.class);

  @Override
  public Phase id() {
    return Phase.JOIN_CONTROL_PLANES;
  }

  @Override
  public boolean shouldRun(BringUpContext ctx) {
    return !ctx.hostsIn(id()).isEmpty();
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    List<StepTally> tallies = new ArrayList<>();
    for (String host : ctx.hostsIn(id())) {
      tallies.add(runOn(ctx, host));
    }
    return StepTally.sum(tallies);
  }

  @Override
  public StepTally runOn(BringUpContext ctx, String host) {
    JoinResult r = ClusterCall.join(ctx, id(), host, true);
    log.info("{}: joined as a control plane{}", host, r.adopted() ? " (already had)" : "");
    return StepTally.one(!r.adopted());
  }
}
