package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.PlanRenderer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Runs the phases of SPEC.md in order; each phase decides itself whether it has work. */
public final class ClusterBringUpImpl implements ClusterBringUp {
  static final String PHASE_LIST_CHANGE = "phase-list";
  static final int PHASE_LIST_VERSION = 1;

  /** The phases in execution order, per version of the list (order matters). */
  private static final Map<Integer, List<BringUpPhase>> PHASES =
      Map.of(
          1,
          List.of(
              new Preflight(),
              new PrepareNodes(),
              new StartTimeServer(),
              new SyncTimeClients(),
              new ConfigureLoadBalancers(),
              new AwaitInitApproval(),
              new InitFirstControlPlane(),
              new InstallCni(),
              new JoinControlPlanes(),
              new JoinWorkers(),
              new VerifyCluster()));

  private static final Logger log = Workflow.getLogger(ClusterBringUpImpl.class);

  private final BringUpContext ctx;
  private final PhaseSequence<BringUpContext> sequence = new PhaseSequence<>(this::showDetails);

  @WorkflowInit
  public ClusterBringUpImpl(BringUpInput input) {
    ctx = new BringUpContext(input, PlanRenderer.render(input.inventory()), this::showDetails);
  }

  @Override
  public BringUpResult run(BringUpInput input) {
    int version = Workflow.getVersion(PHASE_LIST_CHANGE, PHASE_LIST_VERSION, PHASE_LIST_VERSION);
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES.get(version), ctx);
    log.info("cluster {} is up", ctx.inventory().clusterName());
    return new BringUpResult(
        ctx.inventory().clusterName(),
        outcomes,
        ctx.adminConfPath(),
        ctx.verifyReport(),
        ctx.warnings());
  }

  private void showDetails() {
    Workflow.setCurrentDetails(
        CurrentDetails.markdown(sequence.phase(), ctx.gate().waiting(), ctx.board()));
  }

  @Override
  public ApproveInitResult approveInit(ApproveInitRequest request) {
    String approvedBy = ctx.gate().approve(request.approvedBy());
    showDetails();
    return new ApproveInitResult(approvedBy, ctx.inventory().firstControlPlane().name());
  }

  @Override
  public void validateApproveInit(ApproveInitRequest request) {
    ctx.gate().validate();
  }

  @Override
  public void approveInitSignal(ApproveInitRequest request) {
    if (ctx.gate().waiting()) {
      approveInit(request);
    } else {
      log.warn(
          "approveInit signal from {} ignored: not waiting at the gate (phase {})",
          request.approvedBy(),
          sequence.phase());
    }
  }

  @Override
  public void hostProgress(HostProgress progress) {
    ctx.report(progress);
  }

  @Override
  public PhaseView phase() {
    return new PhaseView(
        sequence.phase(), sequence.phase().title(), sequence.startedAt(), ctx.gate().waiting());
  }

  @Override
  public List<HostStatus> hosts() {
    return ctx.board().view();
  }

  @Override
  public InitPlan initPlan() {
    return new InitPlan(
        ctx.inventory().firstControlPlane().name(),
        ctx.plan().controlPlaneEndpoint(),
        ctx.plan().kubeadmConfig(),
        ctx.findings());
  }

  @Override
  public Inventory inventory() {
    return ctx.inventory();
  }
}
