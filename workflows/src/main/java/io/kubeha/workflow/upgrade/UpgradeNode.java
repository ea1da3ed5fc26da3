package io.kubeha.workflow.upgrade;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/**
 * One node's upgrade, in kubeadm's order: drain, the packages of the new minor (the plan's own
 * repository and package steps, rendered at the target version), kubeadm upgrade, the kubelet
 * restarted and Ready at the new version, uncordon.
 */
final class UpgradeNode {
  static final int STEPS = 6;

  private UpgradeNode() {}

  static StepTally run(UpgradeContext ctx, Phase phase, String host) {
    UpgradeNodeInput input = ctx.node(host);
    HostCalls calls = new HostCalls(ctx::report, phase, host, STEPS);
    int changed = 0;
    NodeChangeInput drain =
        new NodeChangeInput(
            input.acting(), input.node(), input.controlPlane(), ctx.input().drainTimeoutSeconds());
    changed +=
        changed(
            calls.call(
                0, "drain", () -> ActivityStubs.nodeRemoval(host, "drain").drainNode(drain)));
    changed +=
        calls.apply(
            1,
            ctx.target(host),
            List.of(
                ctx.renderedSteps().kubeadmRepository(), ctx.renderedSteps().kubeadmPackages()));
    changed +=
        changed(
            calls.call(
                3,
                "kubeadm-upgrade",
                () -> ActivityStubs.nodeUpgrade(host, "kubeadm-upgrade").kubeadmUpgrade(input)));
    changed +=
        changed(
            calls.call(
                4,
                "kubelet-restart",
                () -> ActivityStubs.nodeUpgrade(host, "kubelet-restart").restartKubelet(input)));
    changed +=
        changed(
            calls.call(
                5,
                "uncordon",
                () -> ActivityStubs.nodeUpgrade(host, "uncordon").uncordonNode(input)));
    calls.shown(STEPS);
    ctx.upgraded(host);
    return new StepTally(changed, STEPS);
  }

  private static int changed(StepResult r) {
    return r.changed() ? 1 : 0;
  }
}
