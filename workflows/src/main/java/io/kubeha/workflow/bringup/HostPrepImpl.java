package io.kubeha.workflow.bringup;

import io.kubeha.activity.FetchHostWorkInput;
import io.kubeha.activity.FetchInventoryInput;
import io.kubeha.activity.HostWork;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostProgress;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.Targets;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Applies one host's node-prep steps in order and reports its progress to the parent bring-up. */
public final class HostPrepImpl implements HostPrep {
  /**
   * A child that fetched its inventory reports a step to its parent only once it has run this long.
   */
  static final Duration QUIET_PERIOD = Duration.ofSeconds(2);

  static final String NO_INVENTORY = "NoInventory";
  static final String NO_SUCH_HOST = "NoSuchHost";

  private HostStatus status;
  private Promise<Void> lastReport = Workflow.newPromise(null);

  @WorkflowInit
  public HostPrepImpl(HostPrepInput input) {
    status =
        new HostStatus(input.host(), List.of(), Phase.PREPARE_NODES, null, 0, 0, 0, null, null);
  }

  /**
   * Version 1: a child of a parent takes its target and steps from the parent's plan (the hostWork
   * query, through an activity); children started before fetch the inventory and render their steps
   * here.
   */
  static final String STEPS_FROM_PARENT_CHANGE = "steps-from-parent";

  @Override
  public HostPrepResult run(HostPrepInput input) {
    if (input.inventory() != null) {
      InputCheck.inventory(input.inventory());
    }
    // A child started without the inventory has a parent that shows its first and last report
    // itself.
    boolean parentDerives = input.inventory() == null;
    HostWork work =
        parentDerives
                && Workflow.getVersion(STEPS_FROM_PARENT_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1
            ? fetchWork(input.host())
            : renderWork(input, parentDerives ? fetchFromParent(input.host()) : input.inventory());
    String host = work.target().host();
    List<Step> steps = work.steps();
    status =
        new HostStatus(
            host, work.roles(), Phase.PREPARE_NODES, null, 0, steps.size(), 0, null, null);
    Optional<ClusterBringUp> parent =
        Workflow.getInfo()
            .getParentWorkflowId()
            .map(id -> Workflow.newExternalWorkflowStub(ClusterBringUp.class, id));
    StepRunner runner =
        new StepRunner(
            work.target(),
            Phase.PREPARE_NODES,
            this::show,
            p -> {
              if (!(parentDerives && derivedByParent(p))) {
                parent.ifPresent(stub -> lastReport = Async.procedure(stub::hostProgress, p));
              }
            },
            parentDerives ? QUIET_PERIOD : Duration.ZERO);
    try {
      return new HostPrepResult(host, runner.applyAll(steps), steps.size());
    } finally {
      awaitLastReport();
    }
  }

  /**
   * The first attempt of the first step (shown when the parent starts the child) and the end (its
   * result).
   */
  static boolean derivedByParent(HostProgress p) {
    return p.stepId() == null || p.seq() == 1;
  }

  /** The host's target and steps from the parent's plan. */
  private static HostWork fetchWork(String host) {
    WorkflowInfo info = Workflow.getInfo();
    return ActivityStubs.fetchHostWork(host)
        .fetchHostWork(
            new FetchHostWorkInput(
                parentId(info, host),
                info.getParentRunId().orElse(null),
                host,
                Phase.PREPARE_NODES));
  }

  /** The host's steps rendered here (children started before the plan was data). */
  private static HostWork renderWork(HostPrepInput input, Inventory inventory) {
    HostSpec host =
        inventory
            .host(input.host())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no host " + input.host() + " in the inventory", NO_SUCH_HOST));
    return new HostWork(
        Targets.of(inventory, host),
        host.roles(),
        Phase.PREPARE_NODES,
        PlanRenderer.host(inventory, host, input.layout()).steps(Phase.PREPARE_NODES));
  }

  private static Inventory fetchFromParent(String host) {
    WorkflowInfo info = Workflow.getInfo();
    return ActivityStubs.fetchInventory(host)
        .fetchInventory(
            new FetchInventoryInput(parentId(info, host), info.getParentRunId().orElse(null)));
  }

  private static String parentId(WorkflowInfo info, String host) {
    return info.getParentWorkflowId()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    host
                        + ": a HostPrep needs an inventory in its input or a parent bring-up to read it from",
                    NO_INVENTORY));
  }

  private void show(HostProgress p) {
    status =
        new HostStatus(
            p.host(),
            status.roles(),
            p.phase(),
            p.stepId(),
            p.done(),
            p.total(),
            p.attempts(),
            p.lastError() != null ? p.lastError() : status.lastError(),
            null);
    Workflow.setCurrentDetails(details(status));
  }

  private static String details(HostStatus s) {
    String step =
        s.currentStep() == null
            ? "done"
            : "step `" + s.currentStep() + "`, attempt " + s.attempts();
    String error = s.lastError() == null ? "" : "\n\nLast error: " + s.lastError();
    return "**"
        + s.host()
        + "**: "
        + s.stepsDone()
        + "/"
        + s.stepsTotal()
        + " steps; "
        + step
        + error;
  }

  // A signal still in flight when the child closes would be dropped.
  private void awaitLastReport() {
    try {
      lastReport.get();
    } catch (SignalExternalWorkflowException e) {
      Workflow.getLogger(HostPrepImpl.class)
          .warn("{}: parent did not take the last progress report", status.host());
    }
  }

  @Override
  public HostStatus status() {
    return status;
  }
}
