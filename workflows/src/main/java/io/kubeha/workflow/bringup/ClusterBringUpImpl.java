package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostWork;
import io.kubeha.activity.RenderPlanInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.PlanRenderer.ControlPlaneJoin;
import io.kubeha.plan.PlanRenderer.TimePackage;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.CurrentDetails;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.PhaseSequence;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import org.slf4j.Logger;

/** Runs the phases of SPEC.md in order; each phase decides itself whether it has work. */
public final class ClusterBringUpImpl implements ClusterBringUp {
  static final String PHASE_LIST_CHANGE = "phase-list";

  /** Version 1 runs the phases one after the other, each a barrier. */
  static final int PHASE_BY_PHASE = 1;

  /**
   * Version 2 runs the bring-up graph: each task once the tasks it needs are done (when the input
   * asks for it).
   */
  static final int GRAPH = 2;

  /** The phases in the runbook's order; the graph's groups. */
  private static final List<BringUpPhase> PHASES =
      List.of(
          new Preflight(),
          new PrepareNodes(),
          new StartTimeServer(),
          new SyncTimeClients(),
          new ConfigureLoadBalancers(),
          new AwaitInitApproval(),
          new InitFirstControlPlane(),
          new InstallCni(),
          new PrepareControlPlaneJoins(),
          new JoinControlPlanes(),
          new JoinWorkers(),
          new VerifyCluster());

  private static final Logger log = Workflow.getLogger(ClusterBringUpImpl.class);

  private final BringUpContext ctx;
  private final ControlPlaneJoin controlPlaneJoin;
  private final PhaseSequence<BringUpContext> sequence = new PhaseSequence<>(this::showDetails);

  /** Version 1: chrony's package is installed in prep (PlanRenderer.TimePackage). */
  static final String TIME_PACKAGE_CHANGE = "time-package-in-prep";

  /**
   * Version 1: the plan is rendered by an activity at the start of the run and held as data; runs
   * started before render it here, in workflow code.
   */
  static final String PLAN_AS_DATA_CHANGE = "plan-as-data";

  /**
   * Version 1: control planes join in two steps, kubeadm's preflight and control-plane-prepare on
   * all of them at once, then the rest one at a time (PlanRenderer.ControlPlaneJoin); runs started
   * before join in one step.
   */
  static final String CONTROL_PLANE_JOIN_CHANGE = "control-plane-join-split";

  @WorkflowInit
  public ClusterBringUpImpl(BringUpInput input) {
    TimePackage timePackage =
        Workflow.getVersion(TIME_PACKAGE_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1
            ? TimePackage.IN_PREP
            : TimePackage.WITH_TIME_PHASES;
    boolean planAsData = Workflow.getVersion(PLAN_AS_DATA_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    controlPlaneJoin =
        Workflow.getVersion(CONTROL_PLANE_JOIN_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1
            ? ControlPlaneJoin.PREPARE_THEN_JOIN
            : ControlPlaneJoin.WHOLE;
    ctx =
        new BringUpContext(
            input,
            planAsData
                ? null
                : PlanRenderer.render(input.inventory(), timePackage, controlPlaneJoin),
            timePackage,
            this::showDetails);
  }

  @Override
  public BringUpResult run(BringUpInput input) {
    InputCheck.inventory(input.inventory());
    if (!ctx.hasPlan()) {
      PlanData plan =
          ActivityStubs.renderPlan()
              .renderPlan(
                  new RenderPlanInput(input.inventory(), ctx.timePackage(), controlPlaneJoin));
      ctx.usePlan(plan.plan());
      showDetails();
    }
    // A run asked to go phase by phase records version 1, so its history says what ran.
    int version =
        Workflow.getVersion(
            PHASE_LIST_CHANGE, PHASE_BY_PHASE, input.graph() ? GRAPH : PHASE_BY_PHASE);
    List<PhaseOutcome> outcomes =
        version == GRAPH
            ? new GraphRun(BringUpGraph.of(ctx.inventory(), ctx.plan()), PHASES, sequence).run(ctx)
            : sequence.runAll(PHASES, ctx);
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
        CurrentDetails.markdown(sequence.title(), ctx.gate().waiting(), ctx.board()));
  }

  @Override
  public ApproveInitResult approveInit(ApprovalRequest request) {
    String approvedBy = ctx.gate().approve(request);
    showDetails();
    return new ApproveInitResult(approvedBy, ctx.inventory().firstControlPlane().name());
  }

  @Override
  public void validateApproveInit(ApprovalRequest request) {
    ctx.gate().validate(request);
  }

  @Override
  public void approveInitSignal(ApprovalRequest request) {
    if (ctx.gate().acceptsSignal(request)) {
      approveInit(request);
    } else {
      log.warn(
          "approveInit signal from {} naming cluster {} ignored: not waiting at the gate of this"
              + " cluster (phase {})",
          request == null ? null : request.approvedBy(),
          request == null ? null : request.cluster(),
          sequence.phase());
    }
  }

  @Override
  public void hostProgress(HostProgress progress) {
    ctx.report(progress);
  }

  @Override
  public PhaseView phase() {
    return sequence.view(ctx.gate().waiting());
  }

  @Override
  public List<HostStatus> hosts() {
    return ctx.board().view();
  }

  @Override
  public InitPlan initPlan() {
    // Before the plan is rendered (the first seconds of a run) there is no kubeadm config to show.
    return new InitPlan(
        ctx.inventory().firstControlPlane().name(),
        ctx.inventory().controlPlaneEndpoint(),
        ctx.hasPlan() ? ctx.plan().kubeadmConfig() : null,
        ctx.findings());
  }

  @Override
  public Inventory inventory() {
    return ctx.inventory();
  }

  @Override
  public HostWork hostWork(String host, Phase phase) {
    return ctx.hostWork(host, phase);
  }
}
