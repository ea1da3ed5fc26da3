package io.kubeha.workflow.certs;

import io.kubeha.activity.RenewCertificatesInput;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.common.LoadBalancerUpstreams;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Renews the due control planes one at a time: out of the load balancers' upstreams, kubeadm certs
 * renew all, its etcd and control-plane components restarted and healthy, back into the upstreams,
 * before the next node; then the operator's admin.conf from the last one, and a new check.
 */
final class RenewCertificates implements OperationPhase<CertificateCare> {
  /**
   * Workflow.getVersion change id: the renewing node leaves the LBs' upstreams until it is healthy
   * again.
   */
  static final String DRAIN_CHANGE = "certs-renew-lb-drain";

  @Override
  public Phase id() {
    return Phase.RENEW_CERTIFICATES;
  }

  @Override
  public boolean shouldRun(CertificateCare ctx) {
    return !ctx.due().isEmpty();
  }

  @Override
  public StepTally run(CertificateCare ctx) {
    List<StepTally> tallies = new ArrayList<>();
    for (String host : ctx.due()) {
      tallies.add(renew(ctx, host));
      ctx.renewed(host);
    }
    String last = ctx.due().get(ctx.due().size() - 1);
    if (ctx.input().adminConfPath() != null) {
      ActivityStubs.certificates(last, "save admin.conf")
          .saveAdminConf(ctx.target(last), ctx.input().adminConfPath());
    }
    for (String host : ctx.controlPlanes()) {
      ctx.rechecked(
          ActivityStubs.certificates(host, CertificateCare.CHECK)
              .checkExpiration(ctx.target(host)));
    }
    return StepTally.sum(tallies);
  }

  private StepTally renew(CertificateCare ctx, String host) {
    // Out of the LBs' upstreams while its API server restarts: one that has just started answers
    // through nginx before it can authorise (seen: Forbidden through the VIP). Runs recorded before
    // this do not drain.
    boolean drain =
        Workflow.getVersion(DRAIN_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1
            && ctx.inventory().canDrainControlPlanes();
    return drain
        ? LoadBalancerUpstreams.without(ctx, host, id(), () -> renewAndRestart(ctx, host))
        : renewAndRestart(ctx, host);
  }

  private StepTally renewAndRestart(CertificateCare ctx, String host) {
    RenewCertificatesInput input = ctx.renewal(host);
    // Steps counted within this phase: the board adds the check's one.
    HostCalls calls = new HostCalls(ctx::report, id(), host, ctx.steps());
    StepResult renewed =
        calls.call(
            0,
            CertificateCare.RENEW,
            () -> ActivityStubs.certificates(host, CertificateCare.RENEW).renewCertificates(input));
    StepResult restarted =
        calls.call(
            1,
            CertificateCare.RESTART,
            () ->
                ActivityStubs.certificates(host, CertificateCare.RESTART)
                    .restartControlPlane(input));
    calls.shown(2);
    return new StepTally((renewed.changed() ? 1 : 0) + (restarted.changed() ? 1 : 0), 2);
  }
}
