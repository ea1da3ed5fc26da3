package io.kubeha.workflow.certs;

import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/** Checks, then renews what is due: the shared phase engine with the certificate phases. */
public final class ClusterCertificatesImpl extends OperationRun<CertificateCare>
    implements ClusterCertificates {
  private static final List<OperationPhase<CertificateCare>> PHASES =
      List.of(new CheckCertificates(), new RenewCertificates());

  private final CertificateCare ctx;

  @WorkflowInit
  public ClusterCertificatesImpl(CertificatesInput input) {
    ctx = new CertificateCare(input, this::showDetails);
  }

  @Override
  public CertificatesResult run(CertificatesInput input) {
    InputCheck.inventory(input.inventory());
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    Workflow.getLogger(ClusterCertificatesImpl.class)
        .info(
            "cluster {}: certificates checked, renewed on {}",
            ctx.inventory().clusterName(),
            ctx.result(outcomes).renewed());
    return ctx.result(outcomes);
  }

  @Override
  protected CertificateCare ctx() {
    return ctx;
  }
}
