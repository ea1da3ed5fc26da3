package io.kubeha.workflow.removal;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.NodeRemovalActivities;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One node's removal, in the runbook's order: drain (never skipped: a drain that does not finish
 * stops here, and the node is not deleted), kubeadm reset, its etcd member (control planes), and
 * the Node object. Each step reports on the hosts board and adopts what an earlier run did.
 */
final class RemoveNode {
  private RemoveNode() {}

  private record Step(
      String id, BiFunction<NodeRemovalActivities, NodeChangeInput, StepResult> call) {}

  private static final Step DRAIN = new Step("drain", NodeRemovalActivities::drainNode);
  private static final Step RESET = new Step("kubeadm-reset", NodeRemovalActivities::resetNode);
  private static final Step ETCD_MEMBER =
      new Step("etcd-member", NodeRemovalActivities::removeEtcdMember);
  private static final Step DELETE_NODE =
      new Step("delete-node", NodeRemovalActivities::deleteNode);

  static List<String> steps(boolean controlPlane) {
    return chain(controlPlane).stream().map(Step::id).toList();
  }

  private static List<Step> chain(boolean controlPlane) {
    return controlPlane
        ? List.of(DRAIN, RESET, ETCD_MEMBER, DELETE_NODE)
        : List.of(DRAIN, RESET, DELETE_NODE);
  }

  /** Runs the node's chain; returns how many steps changed something. */
  static StepTally run(RemovalContext ctx, Phase phase, String host) {
    NodeChangeInput input = ctx.change(host);
    List<Step> chain = chain(input.controlPlane());
    HostCalls calls = new HostCalls(ctx::report, phase, host, chain.size());
    int changed = 0;
    for (int i = 0; i < chain.size(); i++) {
      Step step = chain.get(i);
      changed +=
          calls
                  .call(
                      i,
                      step.id(),
                      () -> step.call().apply(ActivityStubs.nodeRemoval(host, step.id()), input))
                  .changed()
              ? 1
              : 0;
    }
    calls.shown(chain.size());
    ctx.removed(host);
    return new StepTally(changed, chain.size());
  }
}
