package io.kubeha.workflow;

import io.kubeha.activity.NodeChangeInput;
import io.kubeha.activity.StepResult;
import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.plan.KubeadmPackages;
import io.kubeha.plan.Phase;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Supplier;

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
    Progress progress = new Progress(ctx, phase, host);
    int changed = 0;
    NodeChangeInput drain = new NodeChangeInput(input.acting(), input.node(), input.controlPlane(),
        ctx.input().drainTimeoutSeconds());
    changed += progress.call(0, "drain", () -> ActivityStubs.nodeRemoval(host, "drain").drainNode(drain));
    progress.shown(1);
    changed += new StepRunner(ctx.target(host), phase, p -> progress.runner(p, 1)).applyAll(List.of(
        KubeadmPackages.repository(ctx.inventory()), KubeadmPackages.packages(ctx.inventory())));
    changed += progress.call(3, "kubeadm-upgrade", () -> ActivityStubs.nodeUpgrade(host, "kubeadm-upgrade")
        .kubeadmUpgrade(input));
    changed += progress.call(4, "kubelet-restart", () -> ActivityStubs.nodeUpgrade(host, "kubelet-restart")
        .restartKubelet(input));
    changed += progress.call(5, "uncordon", () -> ActivityStubs.nodeUpgrade(host, "uncordon").uncordonNode(input));
    progress.shown(STEPS);
    ctx.upgraded(host);
    return new StepTally(changed, STEPS);
  }

  /** The node's row on the hosts board: one report per step start and end, numbered in order. */
  private static final class Progress {
    private final UpgradeContext ctx;
    private final Phase phase;
    private final String host;
    private long seq;

    Progress(UpgradeContext ctx, Phase phase, String host) {
      this.ctx = ctx;
      this.phase = phase;
      this.host = host;
    }

    int call(int done, String step, Supplier<StepResult> call) {
      ctx.report(new HostProgress(host, phase, step, done, STEPS, 1, null, ++seq));
      try {
        return call.get().changed() ? 1 : 0;
      } catch (ActivityFailure e) {
        String error = FailureText.of(e);
        ctx.report(new HostProgress(host, phase, step, done, STEPS, 1, error, ++seq));
        throw ApplicationFailure.newNonRetryableFailureWithCause(host + ": step " + step + ": " + error,
            StepRunner.STEP_FAILED, e);
      }
    }

    void shown(int done) {
      ctx.report(new HostProgress(host, phase, null, done, STEPS, 0, null, ++seq));
    }

    /** A StepRunner's report, its step count offset by the steps before it. */
    void runner(HostProgress p, int before) {
      ctx.report(new HostProgress(host, phase, p.stepId(), p.done() + before, STEPS, p.attempts(), p.lastError(), ++seq));
    }
  }
}
