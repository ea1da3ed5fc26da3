package io.kubeha.workflow;

import io.kubeha.activity.CheckWorkloadSpec;
import io.kubeha.activity.FetchGroupWorkInput;
import io.kubeha.activity.FetchHostWorkInput;
import io.kubeha.activity.FetchInventoryInput;
import io.kubeha.activity.GroupWork;
import io.kubeha.activity.HostWork;
import io.kubeha.activity.InventoryActivities;
import io.kubeha.activity.PlanActivities;
import io.kubeha.activity.RenderCheckWorkloadInput;
import io.kubeha.activity.RenderEtcdToolsInput;
import io.kubeha.activity.RenderNginxInput;
import io.kubeha.activity.RenderOperationStepsInput;
import io.kubeha.activity.RenderPlanInput;
import io.kubeha.activity.StepRendering;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.OperationSteps;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.Step;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;

/**
 * What the worker's InventoryActivitiesImpl and PlanActivitiesImpl do (the activities module is out
 * of reach here): render the plan, and query the parent run.
 */
final class ParentRun implements InventoryActivities, PlanActivities {
  private final WorkflowClient client;

  ParentRun(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public Inventory fetchInventory(FetchInventoryInput input) {
    return run(input.workflowId(), input.runId()).query(ClusterBringUp.INVENTORY, Inventory.class);
  }

  @Override
  public PlanData renderPlan(RenderPlanInput input) {
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
  public HostWork fetchHostWork(FetchHostWorkInput input) {
    return run(input.workflowId(), input.runId())
        .query(ClusterBringUp.HOST_WORK, HostWork.class, input.host(), input.phase());
  }

  @Override
  public GroupWork fetchGroupWork(FetchGroupWorkInput input) {
    return run(input.workflowId(), input.runId())
        .query(ClusterBringUp.GROUP_WORK, GroupWork.class, input.group());
  }

  private WorkflowStub run(String workflowId, String runId) {
    return client.newUntypedWorkflowStub(
        WorkflowTargetOptions.newBuilder().setWorkflowId(workflowId).setRunId(runId).build());
  }
}
