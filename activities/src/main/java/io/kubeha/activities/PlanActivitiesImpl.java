package io.kubeha.activities;

import io.kubeha.activity.CheckWorkloadSpec;
import io.kubeha.activity.Failures;
import io.kubeha.activity.FetchGroupWorkInput;
import io.kubeha.activity.FetchHostWorkInput;
import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostWork;
import io.kubeha.activity.PlanActivities;
import io.kubeha.activity.RenderCheckWorkloadInput;
import io.kubeha.activity.RenderEtcdToolsInput;
import io.kubeha.activity.RenderNginxInput;
import io.kubeha.activity.RenderOperationStepsInput;
import io.kubeha.activity.RenderPlanInput;
import io.kubeha.activity.StepRendering;
import io.kubeha.inventory.InventoryValidator;
import io.kubeha.inventory.Problem;
import io.kubeha.plan.OperationSteps;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a bring-up's plan on the worker, and reads a host's part of it back from the run through
 * the worker's own Temporal client (any worker on any machine can serve either).
 */
public final class PlanActivitiesImpl implements PlanActivities {
  private final WorkflowClient client;

  public PlanActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public PlanData renderPlan(RenderPlanInput input) {
    // The same validator as the CLI's, whoever started the run.
    List<Problem> problems = InventoryValidator.validate(input.inventory());
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the inventory is not valid, nothing was rendered: "
              + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")),
          Failures.INVALID_INVENTORY);
    }
    return PlanData.of(
        PlanRenderer.render(input.inventory(), input.timePackage(), input.joinLayout()));
  }

  @Override
  public OperationSteps renderOperationSteps(RenderOperationStepsInput input) {
    return StepRendering.operationSteps(input);
  }

  @Override
  public CheckWorkloadSpec renderCheckWorkload(RenderCheckWorkloadInput input) {
    return StepRendering.checkWorkload(input);
  }

  @Override
  public Step renderNginx(RenderNginxInput input) {
    return StepRendering.nginx(input);
  }

  @Override
  public Step renderEtcdTools(RenderEtcdToolsInput input) {
    return StepRendering.etcdTools(input);
  }

  @Override
  public GroupWork fetchGroupWork(FetchGroupWorkInput input) {
    return InventoryActivitiesImpl.queryRun(
        client,
        input.workflowId(),
        input.runId(),
        "group " + input.group() + "'s work",
        ClusterBringUp.GROUP_WORK,
        GroupWork.class,
        input.group());
  }

  @Override
  public HostWork fetchHostWork(FetchHostWorkInput input) {
    return InventoryActivitiesImpl.queryRun(
        client,
        input.workflowId(),
        input.runId(),
        input.host() + "'s steps",
        ClusterBringUp.HOST_WORK,
        HostWork.class,
        input.host(),
        input.phase());
  }
}
