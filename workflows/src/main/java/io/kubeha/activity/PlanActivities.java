package io.kubeha.activity;

import io.kubeha.plan.OperationSteps;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.Step;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The bring-up's plan, rendered on the worker once per run, each HostPrep child's part of it read
 * from its parent, and the steps of the day-2 runs: workflow code holds the plan as data and
 * renders nothing, so a change to a command in plan/ changes what new runs do without touching what
 * running ones replay.
 */
@ActivityInterface
public interface PlanActivities {

  /** The plan of the run's inventory, each distinct step once. */
  @ActivityMethod(name = "RenderPlan")
  PlanData renderPlan(RenderPlanInput input);

  /** The plan steps a reset or an upgrade applies, rendered for its inventory. */
  @ActivityMethod(name = "RenderOperationSteps")
  OperationSteps renderOperationSteps(RenderOperationStepsInput input);

  /** The balancers' nginx step, proxying to the upstreams' control planes. */
  @ActivityMethod(name = "RenderNginx")
  Step renderNginx(RenderNginxInput input);

  /**
   * etcdctl and etcdutl of the etcd release the cluster runs; fails as MissingChecksum, not
   * retried, when kubeha knows no checksum for it.
   */
  @ActivityMethod(name = "RenderEtcdTools")
  Step renderEtcdTools(RenderEtcdToolsInput input);

  /** The check's workload for its image and the cluster's DNS domain. */
  @ActivityMethod(name = "RenderCheckWorkload")
  CheckWorkloadSpec renderCheckWorkload(RenderCheckWorkloadInput input);

  /** One host's target and steps of one phase, read from its bring-up run (the hostWork query). */
  @ActivityMethod(name = "FetchHostWork")
  HostWork fetchHostWork(FetchHostWorkInput input);

  /** A group of hosts' part of the run, read from its bring-up run (the groupWork query). */
  @ActivityMethod(name = "FetchGroupWork")
  GroupWork fetchGroupWork(FetchGroupWorkInput input);
}
