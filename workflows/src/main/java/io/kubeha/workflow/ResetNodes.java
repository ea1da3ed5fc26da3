package io.kubeha.workflow;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.StepResult;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.plan.Teardown;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * kubeadm reset and the Kubernetes teardown on every node: workers in parallel within the bound,
 * then control planes one at a time, so each etcd member leaves a cluster that still has quorum.
 */
final class ResetNodes implements OperationPhase<OperationContext> {
  static final int STEPS = 2;

  @Override
  public Phase id() {
    return Phase.RESET_NODES;
  }

  @Override
  public StepTally run(OperationContext ctx) {
    List<String> workers = ctx.inventory().nodes().stream().filter(h -> !h.has(Role.CONTROL_PLANE))
        .map(HostSpec::name).toList();
    List<StepTally> tallies = new ArrayList<>(BoundedFanOut.run(workers, ctx.concurrency(), host -> reset(ctx, host)));
    // The first control plane last: it is where the cluster began.
    List<String> masters = new ArrayList<>(ctx.inventory().controlPlanes().stream().map(HostSpec::name).toList());
    java.util.Collections.reverse(masters);
    for (String master : masters) {
      tallies.add(reset(ctx, master));
    }
    return StepTally.sum(tallies);
  }

  private StepTally reset(OperationContext ctx, String host) {
    boolean master = ctx.inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    NodeChangeInput input = new NodeChangeInput(ctx.target(host), ctx.target(host), master, 0);
    ctx.report(new HostProgress(host, id(), "kubeadm-reset", 0, STEPS, 1, null, 1));
    StepResult reset;
    try {
      reset = ActivityStubs.nodeRemoval(host, "kubeadm-reset").resetNode(input);
    } catch (ActivityFailure e) {
      String error = FailureText.of(e);
      ctx.report(new HostProgress(host, id(), "kubeadm-reset", 0, STEPS, 1, error, 2));
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          host + ": step kubeadm-reset: " + error, StepRunner.STEP_FAILED, e);
    }
    ctx.report(new HostProgress(host, id(), null, 1, STEPS, 0, null, 2));
    Step teardown = Teardown.kubernetes(ctx.inventory());
    // The runner numbers its own reports from 1; shown after the reset's, they count the second step.
    int applied = new StepRunner(ctx.target(host), id(), p -> ctx.report(
        new HostProgress(p.host(), p.phase(), p.stepId(), p.done() + 1, STEPS, p.attempts(), p.lastError(), p.seq() + 2)))
        .applyAll(List.of(teardown));
    return new StepTally((reset.changed() ? 1 : 0) + applied, STEPS);
  }
}
