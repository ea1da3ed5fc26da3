package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.activity.HostWork;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.OptionsSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer.TimePackage;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostBoard;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import io.kubeha.workflow.engine.Targets;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What the phases of one bring-up share: the inventory, its plan, and what earlier phases saw. */
final class BringUpContext {
  private final BringUpInput input;
  private final TimePackage timePackage;
  private Plan plan;
  private HostBoard board;
  private final ApprovalGate gate;
  private final Runnable onProgress;
  private final Map<String, HostFacts> facts = new LinkedHashMap<>();
  private final List<PreflightFinding> findings = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private String adminConfPath;
  private VerifyReport verifyReport;
  private Integer share;
  private ChildGroups groups;
  private Consumer<HostProgress> applied = p -> {};

  /** plan is null when it comes later, from an activity ({@link #usePlan}). */
  BringUpContext(BringUpInput input, Plan plan, TimePackage timePackage, Runnable onProgress) {
    this.input = input;
    this.timePackage = timePackage;
    this.onProgress = onProgress;
    this.adminConfPath = input.adminConfPath();
    this.gate =
        new ApprovalGate(
            "kubeadm init", input.inventory() == null ? null : input.inventory().clusterName());
    usePlan(plan);
  }

  /** The run's plan; until it is there the board lists the hosts with no steps yet. */
  void usePlan(Plan plan) {
    this.plan = plan;
    this.board = plan == null ? new HostBoard(inventory().hosts(), h -> 0) : new HostBoard(plan);
  }

  boolean hasPlan() {
    return plan != null;
  }

  /** One host's target and steps of the phase, for its HostPrep child. */
  HostWork hostWork(String host, Phase phase) {
    if (plan == null) {
      throw new IllegalStateException("the plan of this run is not rendered yet");
    }
    HostPlan hostPlan =
        plan.host(host)
            .orElseThrow(() -> new IllegalArgumentException("no host " + host + " in the plan"));
    return new HostWork(target(host), hostPlan.roles(), phase, hostPlan.steps(phase));
  }

  BringUpInput input() {
    return input;
  }

  Inventory inventory() {
    return input.inventory();
  }

  Plan plan() {
    return plan;
  }

  /** The plan's layout, for the children that render their own part of it. */
  TimePackage timePackage() {
    return timePackage;
  }

  HostBoard board() {
    return board;
  }

  ApprovalGate gate() {
    return gate;
  }

  /**
   * The hosts of one phase this run works on at once: its share of the cluster's bound when the
   * hosts are split between runs, else workerConcurrency.
   */
  int concurrency() {
    if (share != null) {
      return share;
    }
    OptionsSpec options = inventory().spec().options();
    return options == null || options.workerConcurrency() == null
        ? OptionsSpec.DEFAULT_WORKER_CONCURRENCY
        : options.workerConcurrency();
  }

  SshTarget target(String host) {
    return Targets.of(inventory(), host);
  }

  SshTarget firstMaster() {
    return Targets.of(inventory(), inventory().firstControlPlane());
  }

  /** Hosts with steps in the phase, in inventory order. */
  List<String> hostsIn(Phase phase) {
    return plan.hosts().stream()
        .filter(h -> !h.steps(phase).isEmpty())
        .map(HostPlan::host)
        .toList();
  }

  List<Step> steps(String host, Phase phase) {
    return plan.steps(host, phase);
  }

  /** The single step a cluster-level activity takes for this host and phase. */
  Step onlyStep(String host, Phase phase) {
    List<Step> steps = steps(host, phase);
    if (steps.size() != 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the plan has "
              + steps.size()
              + " steps for "
              + host
              + " in "
              + phase.title()
              + ", expected one",
          "InvalidPlan");
    }
    return steps.get(0);
  }

  /** Every host's steps of the phase, hosts in parallel within the bound. */
  StepTally applySteps(Phase phase, List<String> hosts) {
    return StepTally.sum(BoundedFanOut.run(hosts, concurrency(), host -> applySteps(phase, host)));
  }

  /** One host's steps of the phase, in order. */
  StepTally applySteps(Phase phase, String host) {
    List<Step> steps = steps(host, phase);
    int applied = new StepRunner(target(host), phase, this::report).applyAll(steps);
    return new StepTally(applied, steps.size());
  }

  void report(HostProgress progress) {
    if (board.apply(progress)) {
      applied.accept(progress);
    }
    onProgress.run();
  }

  /** Reports from another run of the bring-up (a group's), shown once. */
  void reportAll(List<HostProgress> progress) {
    progress.forEach(board::apply);
    onProgress.run();
  }

  /** This run works on its share of the cluster's bound. */
  void share(int share) {
    this.share = share;
  }

  /** The run's groups of hosts (a big bring-up's parent), null when it has none. */
  ChildGroups groups() {
    return groups;
  }

  void groups(ChildGroups groups) {
    this.groups = groups;
  }

  /** Told every report the board applied (a group passes them on to its parent). */
  void onApplied(Consumer<HostProgress> applied) {
    this.applied = applied;
  }

  void recordPreflight(List<HostFacts> seen, List<PreflightFinding> judged) {
    seen.forEach(f -> facts.put(f.host(), f));
    findings.addAll(judged);
  }

  /** Init already happened (a crash after it ran, or a second run): adopt it without asking. */
  boolean firstMasterJoined() {
    HostFacts f = facts.get(inventory().firstControlPlane().name());
    return f != null && f.joined();
  }

  List<PreflightFinding> findings() {
    return List.copyOf(findings);
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  List<String> names(List<HostSpec> hosts) {
    return hosts.stream().map(HostSpec::name).toList();
  }

  String adminConfPath() {
    return adminConfPath;
  }

  void adminConfPath(String path) {
    adminConfPath = path;
  }

  VerifyReport verifyReport() {
    return verifyReport;
  }

  void verifyReport(VerifyReport report) {
    verifyReport = report;
  }
}
