package io.kubeha.workflow;

import io.kubeha.activity.FetchInventoryInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
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

  @Override
  public HostPrepResult run(HostPrepInput input) {
    // A child started without the inventory has a parent that shows its first and last report
    // itself.
    boolean parentDerives = input.inventory() == null;
    Inventory inventory = parentDerives ? fetchFromParent(input.host()) : input.inventory();
    HostSpec host =
        inventory
            .host(input.host())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no host " + input.host() + " in the inventory", NO_SUCH_HOST));
    List<Step> steps =
        PlanRenderer.host(inventory, host, input.layout()).steps(Phase.PREPARE_NODES);
    status =
        new HostStatus(
            host.name(), host.roles(), Phase.PREPARE_NODES, null, 0, steps.size(), 0, null, null);
    Optional<ClusterBringUp> parent =
        Workflow.getInfo()
            .getParentWorkflowId()
            .map(id -> Workflow.newExternalWorkflowStub(ClusterBringUp.class, id));
    StepRunner runner =
        new StepRunner(
            Targets.of(inventory, host),
            Phase.PREPARE_NODES,
            this::show,
            p -> {
              if (!(parentDerives && derivedByParent(p))) {
                parent.ifPresent(stub -> lastReport = Async.procedure(stub::hostProgress, p));
              }
            },
            parentDerives ? QUIET_PERIOD : Duration.ZERO);
    try {
      return new HostPrepResult(host.name(), runner.applyAll(steps), steps.size());
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

  private static Inventory fetchFromParent(String host) {
    WorkflowInfo info = Workflow.getInfo();
    String parentId =
        info.getParentWorkflowId()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        host
                            + ": a HostPrep needs an inventory in its input or a parent bring-up to read it from",
                        NO_INVENTORY));
    return ActivityStubs.fetchInventory(host)
        .fetchInventory(new FetchInventoryInput(parentId, info.getParentRunId().orElse(null)));
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
