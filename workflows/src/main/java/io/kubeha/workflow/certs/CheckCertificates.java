package io.kubeha.workflow.certs;

import io.kubeha.activity.CertificateExpiry;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.kubeha.workflow.engine.WorkflowIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** kubeadm certs check-expiration on every control plane, in parallel: it only reads. */
final class CheckCertificates implements OperationPhase<CertificateCare> {

  @Override
  public Phase id() {
    return Phase.CHECK_CERTIFICATES;
  }

  @Override
  public StepTally run(CertificateCare ctx) {
    Map<String, HostCalls> calls = new HashMap<>();
    ctx.controlPlanes()
        .forEach(host -> calls.put(host, new HostCalls(ctx::report, id(), host, ctx.steps())));
    List<List<CertificateExpiry>> tables =
        BoundedFanOut.run(
            ctx.controlPlanes(),
            ctx.concurrency(),
            host -> {
              List<CertificateExpiry> rows =
                  calls
                      .get(host)
                      .call(
                          0,
                          CertificateCare.CHECK,
                          () ->
                              ActivityStubs.certificates(host, CertificateCare.CHECK)
                                  .checkExpiration(ctx.target(host)));
              calls.get(host).shown(1);
              return rows;
            });
    tables.forEach(ctx::checked);
    if (ctx.input().scheduled()) {
      // A Schedule's run has its own id: the cluster's operations do not exclude it, so it looks
      // before renewing.
      String running =
          ActivityStubs.operations()
              .runningOperation(WorkflowIds.cluster(ctx.inventory().clusterName()));
      if (!running.isEmpty()) {
        ctx.busyWith(running);
      }
    }
    // A control plane with nothing due is done.
    for (String host : ctx.controlPlanes()) {
      if (ctx.input().renew() && !ctx.due().contains(host)) {
        calls.get(host).shown(ctx.steps());
      }
    }
    return new StepTally(0, ctx.controlPlanes().size());
  }
}
