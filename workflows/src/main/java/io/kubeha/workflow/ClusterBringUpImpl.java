package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/** Runs the phases of SPEC.md in order; each phase decides itself whether it has work. */
public final class ClusterBringUpImpl implements ClusterBringUp {
  static final String PHASE_LIST_CHANGE = "phase-list";
  static final int PHASE_LIST_VERSION = 1;
  static final String PHASE_FAILED = "PhaseFailed";

  /** The phases in execution order, per version of the list (order matters). */
  private static final Map<Integer, List<BringUpPhase>> PHASES = Map.of(
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
  private Phase phase = Phase.VALIDATE;
  private Long startedAt;

  @WorkflowInit
  public ClusterBringUpImpl(BringUpInput input) {
    ctx = new BringUpContext(input, PlanRenderer.render(input.inventory()), this::showDetails);
  }

  @Override
  public BringUpResult run(BringUpInput input) {
    int version = Workflow.getVersion(PHASE_LIST_CHANGE, PHASE_LIST_VERSION, PHASE_LIST_VERSION);
    List<BringUpPhase> phases = PHASES.get(version);
    List<PhaseOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      outcomes.add(run(phases.get(i), i + 1, phases.size()));
    }
    enter(Phase.DONE);
    log.info("cluster {} is up", ctx.inventory().clusterName());
    return new BringUpResult(
        ctx.inventory().clusterName(), outcomes, ctx.adminConfPath(), ctx.verifyReport(), ctx.warnings());
  }

  private PhaseOutcome run(BringUpPhase p, int index, int count) {
    if (!p.shouldRun(ctx)) {
      log.info("== [{}/{}] {}: skipped ==", index, count, p.title());
      return new PhaseOutcome(p.id(), 0, 0, 0, true);
    }
    log.info("== [{}/{}] {} ==", index, count, p.title());
    enter(p.id());
    long start = Workflow.currentTimeMillis();
    try {
      StepTally tally = p.run(ctx);
      return new PhaseOutcome(p.id(), Workflow.currentTimeMillis() - start, tally.applied(), tally.total(), false);
    } catch (CanceledFailure e) {
      enter(Phase.CANCELLED);
      throw e;
    } catch (TemporalFailure e) {
      // A cancel reaches a fan-out as its children's failures; the run was cancelled, it did not fail.
      if (CancellationScope.current().isCancelRequested()) {
        enter(Phase.CANCELLED);
        throw new CanceledFailure("cancelled during " + p.title());
      }
      enter(Phase.FAILED);
      String message = p.title() + ": " + FailureText.of(e);
      log.error("{}", message);
      throw ApplicationFailure.newNonRetryableFailureWithCause(message, PHASE_FAILED, e);
    }
  }

  private void enter(Phase next) {
    phase = next;
    startedAt = Workflow.currentTimeMillis();
    Workflow.upsertTypedSearchAttributes(SearchAttributeKeys.KUBEHA_PHASE.valueSet(next.name()));
    showDetails();
  }

  private void showDetails() {
    Workflow.setCurrentDetails(CurrentDetails.markdown(phase, ctx.gate().waiting(), ctx.board()));
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
      log.warn("approveInit signal from {} ignored: not waiting at the gate (phase {})", request.approvedBy(), phase);
    }
  }

  @Override
  public void hostProgress(HostProgress progress) {
    ctx.report(progress);
  }

  @Override
  public PhaseView phase() {
    return new PhaseView(phase, phase.title(), startedAt, ctx.gate().waiting());
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
