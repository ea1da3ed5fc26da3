package io.kubeha.workflow.removal;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.InspectClusterInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Before anything is drained: the request's rules, then etcd's quorum through every member removal.
 */
final class CheckRemoval implements OperationPhase<RemovalContext> {
  static final String REMOVAL_REFUSED = "RemovalRefused";

  @Override
  public Phase id() {
    return Phase.CHECK_REMOVAL;
  }

  @Override
  public StepTally run(RemovalContext ctx) {
    List<String> problems =
        new ArrayList<>(
            RemovalRules.check(ctx.inventory(), ctx.going().stream().map(HostSpec::name).toList()));
    if (problems.isEmpty()) {
      List<io.kubeha.activity.SshTarget> masters =
          ctx.inventory().controlPlanes().stream().map(h -> ctx.target(h.name())).toList();
      ClusterState state =
          ActivityStubs.inspectCluster(ctx.acting().host())
              .inspectCluster(new InspectClusterInput(ctx.acting(), masters));
      problems.addAll(RemovalRules.checkQuorum(ctx.going(Role.CONTROL_PLANE), state));
      int mastersLeft = ctx.remaining().controlPlanes().size();
      if (!ctx.going(Role.CONTROL_PLANE).isEmpty() && mastersLeft % 2 == 0) {
        ctx.warn(
            "the cluster keeps "
                + mastersLeft
                + " control planes: an even number tolerates no more failures than "
                + (mastersLeft - 1)
                + "; give the inventory an odd number again (replace the removed host, or remove one more)");
      }
    }
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: " + String.join("; ", problems), REMOVAL_REFUSED);
    }
    return StepTally.NONE;
  }
}
