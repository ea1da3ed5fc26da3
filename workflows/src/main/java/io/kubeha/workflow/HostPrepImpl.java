package io.kubeha.workflow;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;
import java.util.Optional;

/** Applies one host's node-prep steps in order and reports each to the parent bring-up. */
public final class HostPrepImpl implements HostPrep {
  private final Inventory inventory;
  private final HostSpec host;
  private final List<Step> steps;
  private HostStatus status;
  private Promise<Void> lastReport = Workflow.newPromise(null);

  @WorkflowInit
  public HostPrepImpl(HostPrepInput input) {
    inventory = input.inventory();
    host = inventory.host(input.host()).orElseThrow(() -> new IllegalArgumentException("no host " + input.host()));
    steps = PlanRenderer.render(inventory).steps(host.name(), Phase.PREPARE_NODES);
    status = new HostStatus(host.name(), host.roles(), Phase.PREPARE_NODES, null, 0, steps.size(), 0, null);
  }

  @Override
  public HostPrepResult run(HostPrepInput input) {
    Optional<ClusterBringUp> parent =
        Workflow.getInfo().getParentWorkflowId().map(id -> Workflow.newExternalWorkflowStub(ClusterBringUp.class, id));
    StepRunner runner = new StepRunner(Targets.of(inventory, host), Phase.PREPARE_NODES, p -> report(p, parent));
    try {
      return new HostPrepResult(host.name(), runner.applyAll(steps), steps.size());
    } finally {
      awaitLastReport();
    }
  }

  private void report(HostProgress p, Optional<ClusterBringUp> parent) {
    status = new HostStatus(
        p.host(), host.roles(), p.phase(), p.stepId(), p.done(), p.total(), p.attempts(),
        p.lastError() != null ? p.lastError() : status.lastError());
    Workflow.setCurrentDetails(details(status));
    parent.ifPresent(stub -> lastReport = Async.procedure(stub::hostProgress, p));
  }

  private static String details(HostStatus s) {
    String step = s.currentStep() == null ? "done" : "step `" + s.currentStep() + "`, attempt " + s.attempts();
    String error = s.lastError() == null ? "" : "\n\nLast error: " + s.lastError();
    return "**" + s.host() + "**: " + s.stepsDone() + "/" + s.stepsTotal() + " steps; " + step + error;
  }

  // A signal still in flight when the child closes would be dropped.
  private void awaitLastReport() {
    try {
      lastReport.get();
    } catch (SignalExternalWorkflowException e) {
      Workflow.getLogger(HostPrepImpl.class).warn("{}: parent did not take the last progress report", host.name());
    }
  }

  @Override
  public HostStatus status() {
    return status;
  }
}
