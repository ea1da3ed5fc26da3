package io.kubeha.workflow.bringup;

import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostWork;
import io.kubeha.activity.RenderPlanInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.PlanRenderer.ControlPlaneJoin;
import io.kubeha.plan.PlanRenderer.TimePackage;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.HostGroups;
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
  static final List<BringUpPhase> PHASES =
      List.of(
          new Preflight(),
          new PrepareNodes(),
          new StartTimeServer(),
          new SyncTimeClients(),
          new ConfigureLoadBalancers(),
          new ServeBundle(),
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

  /**
   * Version 1: a graph run of more than groupHostsAbove hosts (BringUpInput) runs its workers in
   * groups, a HostGroup child each (ChildGroups); smaller runs, and runs started before, run every
   * task here.
   */
  static final String HOST_GROUPS_CHANGE = "host-groups";

  /** Hosts above which a graph run groups its workers, unless its input says otherwise. */
  static final int GROUP_HOSTS_ABOVE = 64;

  /** Decided once, at the start: run the workers in groups when the graph allows it. */
  private final boolean grouped;

  @WorkflowInit
  public ClusterBringUpImpl(BringUpInput input) {
    // Only a run big enough asks: a small one records exactly what it did before.
    grouped =
        input.graph()
            && input.inventory() != null
            && input.inventory().hosts().size() > input.groupAbove()
            && Workflow.getVersion(HOST_GROUPS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
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
        version == GRAPH ? graphRun().run(ctx) : sequence.runAll(PHASES, ctx);
    log.info("cluster {} is up", ctx.inventory().clusterName());
    return new BringUpResult(
        ctx.inventory().clusterName(),
        outcomes,
        ctx.adminConfPath(),
        ctx.verifyReport(),
        ctx.warnings());
  }

  /** The run's graph, its workers in groups when the run is big enough and the bound allows. */
  private GraphRun graphRun() {
    BringUpGraph graph = BringUpGraph.of(ctx.inventory(), ctx.plan());
    HostGroups split = grouped ? HostGroups.of(graph, ctx.concurrency()) : null;
    if (split == null || split.none()) {
      return new GraphRun(graph, PHASES, sequence);
    }
    ChildGroups groups = new ChildGroups(ctx, graph, split);
    ctx.groups(groups);
    ctx.share(split.parentShare());
    log.info(
        "{} hosts: {} here, {} in {} groups",
        ctx.inventory().hosts().size(),
        split.parentHosts().size(),
        ctx.inventory().hosts().size() - split.parentHosts().size(),
        split.groups().size());
    groups.start();
    return new GraphRun(graph, PHASES, sequence, groups);
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
  public void groupReport(GroupReport report) {
    if (ctx.groups() != null) {
      ctx.groups().report(report);
    } else {
      log.warn("a group's report to a run without groups ignored (group {})", report.group());
    }
  }

  @Override
  public GroupWork groupWork(int group) {
    if (ctx.groups() == null) {
      throw new IllegalStateException("this run has no groups of hosts");
    }
    return ctx.groups().work(group);
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
