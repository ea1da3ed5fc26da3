package io.kubeha.workflow.common;

import io.kubeha.activity.RenderOperationStepsInput;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.OperationSteps;
import io.kubeha.workflow.engine.ActivityStubs;
import io.temporal.workflow.Workflow;

/**
 * The plan steps of a reset or an upgrade, fetched once as the run starts: from the
 * RenderOperationSteps activity in runs started since this change, so their commands are data in
 * the history; rendered here, as before, in runs recorded earlier, which replay without the
 * activity.
 */
public final class RenderedSteps {
  /** The change that moved the rendering into an activity. */
  public static final String CHANGE = "operation-steps-rendered";

  private RenderedSteps() {}

  public static OperationSteps fetch(Inventory inv) {
    if (Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return OperationSteps.render(inv); // only runs recorded before the activity took it
    }
    return ActivityStubs.renderSteps().renderOperationSteps(new RenderOperationStepsInput(inv));
  }
}
