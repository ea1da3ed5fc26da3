package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** A test workload run on the cluster and reached from every node and from inside its Pods. */
@ActivityInterface
public interface WorkloadActivities {

  /**
   * Removes what an earlier check left, applies the workload, waits until it is available, probes
   * it from every node and from inside each Pod, and removes it again unless asked to keep it. A
   * probe that fails is a line of the result, not an exception; a failing kubectl or SSH call is.
   */
  @ActivityMethod(name = "CheckWorkload")
  WorkloadCheckResult checkWorkload(WorkloadCheckInput input);
}
