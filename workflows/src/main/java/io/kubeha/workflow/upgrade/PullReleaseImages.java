package io.kubeha.workflow.upgrade;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The new release's images pulled on every node at once, before the approval gate, so the roll pays
 * no pulls between a node's drain and its uncordon. Each node's row shows the pull, then waits
 * again for its turn.
 */
final class PullReleaseImages {
  /** Workflow.getVersion change id: runs recorded before it pull nothing ahead. */
  static final String CHANGE = "upgrade-pull-release-images";

  private PullReleaseImages() {}

  static StepTally onEveryNode(UpgradeContext ctx, Phase phase) {
    if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION
        || ctx.renderedSteps().controlPlaneImages() == null) {
      return StepTally.NONE;
    }
    List<HostSpec> nodes = ctx.inventory().nodes();
    List<Integer> changed =
        BoundedFanOut.run(
            nodes.stream().map(HostSpec::name).toList(),
            nodes.size(),
            host -> {
              HostCalls calls = new HostCalls(ctx::report, phase, host, UpgradeNode.STEPS);
              int n = calls.apply(0, ctx.target(host), List.of(step(ctx, host)));
              calls.shown(0);
              return n;
            });
    return new StepTally(changed.stream().mapToInt(Integer::intValue).sum(), nodes.size());
  }

  private static Step step(UpgradeContext ctx, String host) {
    boolean controlPlane = ctx.inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    return controlPlane
        ? ctx.renderedSteps().controlPlaneImages()
        : ctx.renderedSteps().workerImages();
  }
}
