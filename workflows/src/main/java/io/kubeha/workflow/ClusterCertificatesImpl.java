package io.kubeha.workflow;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/** Checks, then renews what is due: the shared phase engine with the certificate phases. */
public final class ClusterCertificatesImpl implements ClusterCertificates {
  private static final List<OperationPhase<CertificateCare>> PHASES =
      List.of(new CheckCertificates(), new RenewCertificates());

  private final CertificateCare ctx;
  private final PhaseSequence<CertificateCare> sequence = new PhaseSequence<>(this::showDetails);

  @WorkflowInit
  public ClusterCertificatesImpl(CertificatesInput input) {
    ctx = new CertificateCare(input, this::showDetails);
  }

  @Override
  public CertificatesResult run(CertificatesInput input) {
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    Workflow.getLogger(ClusterCertificatesImpl.class).info("cluster {}: certificates checked, renewed on {}",
        ctx.inventory().clusterName(), ctx.result(outcomes).renewed());
    return ctx.result(outcomes);
  }

  private void showDetails() {
    Workflow.setCurrentDetails(CurrentDetails.markdown(sequence.phase(), false, ctx.board()));
  }

  @Override
  public PhaseView phase() {
    return new PhaseView(sequence.phase(), sequence.phase().title(), sequence.startedAt(), false);
  }

  @Override
  public List<HostStatus> hosts() {
    return ctx.board().view();
  }
}
