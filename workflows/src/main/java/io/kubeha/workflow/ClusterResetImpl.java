package io.kubeha.workflow;

import io.kubeha.inventory.HostSpec;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

/** Resets the nodes, then stops the LBs: the shared phase engine with the reset's phases. */
public final class ClusterResetImpl extends OperationRun<OperationContext> implements ClusterReset {
  private static final List<OperationPhase<OperationContext>> PHASES =
      List.of(new ResetNodes(), new StopLoadBalancers());

  private final OperationContext ctx;

  @WorkflowInit
  public ClusterResetImpl(ResetInput input) {
    List<HostSpec> shown = new ArrayList<>(input.inventory().nodes());
    shown.addAll(input.inventory().loadBalancers());
    ctx =
        new OperationContext(
            input.inventory(), shown, h -> h.isNode() ? ResetNodes.STEPS : 1, this::showDetails);
  }

  @Override
  public ResetResult run(ResetInput input) {
    InputCheck.inventory(input.inventory());
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    List<String> reset = ctx.inventory().nodes().stream().map(HostSpec::name).toList();
    Workflow.getLogger(ClusterResetImpl.class)
        .info("cluster {} reset", ctx.inventory().clusterName());
    return new ResetResult(
        ctx.inventory().clusterName(), reset, outcomes, Workflow.currentTimeMillis());
  }

  @Override
  protected OperationContext ctx() {
    return ctx;
  }
}
