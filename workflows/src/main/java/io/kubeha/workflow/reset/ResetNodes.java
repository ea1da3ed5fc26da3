package io.kubeha.workflow.reset;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.StepResult;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import java.util.ArrayList;
import java.util.List;

/**
 * kubeadm reset and the Kubernetes teardown on every node: workers in parallel within the bound,
 * then control planes one at a time, so each etcd member leaves a cluster that still has quorum.
 */
final class ResetNodes implements OperationPhase<ResetContext> {
  static final int STEPS = 2;

  @Override
  public Phase id() {
    return Phase.RESET_NODES;
  }

  @Override
  public StepTally run(ResetContext ctx) {
    List<String> workers =
        ctx.inventory().nodes().stream()
            .filter(h -> !h.has(Role.CONTROL_PLANE))
            .map(HostSpec::name)
            .toList();
    List<StepTally> tallies =
        new ArrayList<>(BoundedFanOut.run(workers, ctx.concurrency(), host -> reset(ctx, host)));
    // The first control plane last: it is where the cluster began.
    List<String> masters =
        new ArrayList<>(ctx.inventory().controlPlanes().stream().map(HostSpec::name).toList());
    java.util.Collections.reverse(masters);
    for (String master : masters) {
      tallies.add(reset(ctx, master));
    }
    return StepTally.sum(tallies);
  }

  private StepTally reset(ResetContext ctx, String host) {
    boolean master = ctx.inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    NodeChangeInput input = new NodeChangeInput(ctx.target(host), ctx.target(host), master, 0);
    HostCalls calls = new HostCalls(ctx::report, id(), host, STEPS);
    StepResult reset =
        calls.call(
            0,
            "kubeadm-reset",
            () -> ActivityStubs.nodeRemoval(host, "kubeadm-reset").resetNode(input));
    int applied =
        calls.apply(1, ctx.target(host), List.of(ctx.renderedSteps().teardownKubernetes()));
    return new StepTally((reset.changed() ? 1 : 0) + applied, STEPS);
  }
}
