package io.kubeha.workflow;

import io.kubeha.activity.RenewCertificatesInput;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Renews the due control planes one at a time: kubeadm certs renew all, then its etcd and control-plane components
 * restarted and healthy before the next node; then the operator's admin.conf from the last one, and a new check.
 */
final class RenewCertificates implements OperationPhase<CertificateCare> {

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
      ActivityStubs.certificates(last, "save admin.conf").saveAdminConf(ctx.target(last), ctx.input().adminConfPath());
    }
    for (String host : ctx.controlPlanes()) {
      ctx.rechecked(ActivityStubs.certificates(host, CertificateCare.CHECK).checkExpiration(ctx.target(host)));
    }
    return StepTally.sum(tallies);
  }

  private StepTally renew(CertificateCare ctx, String host) {
    RenewCertificatesInput input = ctx.renewal(host);
    // Steps counted within this phase: the board adds the check's one.
    HostCalls calls = new HostCalls(ctx::report, id(), host, ctx.steps());
    StepResult renewed = calls.call(0, CertificateCare.RENEW,
        () -> ActivityStubs.certificates(host, CertificateCare.RENEW).renewCertificates(input));
    StepResult restarted = calls.call(1, CertificateCare.RESTART,
        () -> ActivityStubs.certificates(host, CertificateCare.RESTART).restartControlPlane(input));
    calls.shown(2);
    return new StepTally((renewed.changed() ? 1 : 0) + (restarted.changed() ? 1 : 0), 2);
  }
}
