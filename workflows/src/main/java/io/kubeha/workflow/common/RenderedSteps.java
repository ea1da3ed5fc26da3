package io.kubeha.workflow.common;

import io.kubeha.activity.CheckWorkloadSpec;
import io.kubeha.activity.RenderCheckWorkloadInput;
import io.kubeha.activity.RenderEtcdToolsInput;
import io.kubeha.activity.RenderNginxInput;
import io.kubeha.activity.RenderOperationStepsInput;
import io.kubeha.activity.StepRendering;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.OperationSteps;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.ActivityStubs;
import io.temporal.workflow.Workflow;

/**
 * The plan steps of the day-2 runs: from the worker's rendering activities in runs started since
 * each change, so their commands are data in the history and a changed command changes nothing a
 * running history replays; rendered here, as before, in runs recorded earlier, which replay without
 * those activities. The rendering in this class is for those runs only.
 */
public final class RenderedSteps {
  /** The reset's and the upgrade's steps moved into RenderOperationSteps. */
  public static final String OPERATION_STEPS = "operation-steps-rendered";

  /** The balancers' nginx step moved into RenderNginx. */
  public static final String NGINX = "nginx-step-rendered";

  /** The etcd tools' step moved into RenderEtcdTools. */
  public static final String ETCD_TOOLS = "etcd-tools-step-rendered";

  /** The check's workload moved into RenderCheckWorkload. */
  public static final String CHECK_WORKLOAD = "check-workload-rendered";

  private RenderedSteps() {}

  /** The reset's and the upgrade's steps, fetched once as the run starts. */
  public static OperationSteps fetch(Inventory inv) {
    if (before(OPERATION_STEPS)) {
      return StepRendering.operationSteps(new RenderOperationStepsInput(inv));
    }
    return ActivityStubs.renderSteps().renderOperationSteps(new RenderOperationStepsInput(inv));
  }

  /** nginx on the balancers, proxying to the upstreams' control planes. */
  public static Step nginx(Inventory upstreams) {
    if (before(NGINX)) {
      return StepRendering.nginx(new RenderNginxInput(upstreams));
    }
    return ActivityStubs.renderSteps().renderNginx(new RenderNginxInput(upstreams));
  }

  /** etcdctl and etcdutl of the cluster's etcd release. */
  public static Step etcdTools(Inventory inv, String etcdVersion) {
    if (before(ETCD_TOOLS)) {
      return StepRendering.etcdTools(new RenderEtcdToolsInput(inv, etcdVersion));
    }
    return ActivityStubs.renderSteps().renderEtcdTools(new RenderEtcdToolsInput(inv, etcdVersion));
  }

  /** The check's workload (its manifest) for its image and the cluster's DNS domain. */
  public static CheckWorkloadSpec checkWorkload(String image, String dnsDomain) {
    RenderCheckWorkloadInput input = new RenderCheckWorkloadInput(image, dnsDomain);
    if (before(CHECK_WORKLOAD)) {
      return StepRendering.checkWorkload(input);
    }
    return ActivityStubs.renderSteps().renderCheckWorkload(input);
  }

  /** A run recorded before the change: it renders in workflow code, as it did then. */
  private static boolean before(String change) {
    return Workflow.getVersion(change, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION;
  }
}
