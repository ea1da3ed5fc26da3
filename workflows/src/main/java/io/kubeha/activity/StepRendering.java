package io.kubeha.activity;

import io.kubeha.plan.CheckWorkload;
import io.kubeha.plan.EtcdTools;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.MissingChecksumException;
import io.kubeha.plan.OperationSteps;
import io.kubeha.plan.Step;
import io.temporal.failure.ApplicationFailure;

/**
 * What the day-2 rendering activities return (RenderOperationSteps, RenderNginx, RenderEtcdTools,
 * RenderCheckWorkload), for the worker's implementation and the tests' alike.
 */
public final class StepRendering {
  private StepRendering() {}

  public static OperationSteps operationSteps(RenderOperationStepsInput input) {
    return OperationSteps.render(input.inventory());
  }

  public static Step nginx(RenderNginxInput input) {
    return LoadBalancer.nginx(input.upstreams());
  }

  public static CheckWorkloadSpec checkWorkload(RenderCheckWorkloadInput input) {
    return new CheckWorkloadSpec(
        CheckWorkload.manifest(input.image(), input.dnsDomain()),
        CheckWorkload.serviceDnsName(input.dnsDomain()),
        CheckWorkload.REPLICAS);
  }

  /** Fails as MissingChecksum, never retried, for an etcd release kubeha knows no checksum of. */
  public static Step etcdTools(RenderEtcdToolsInput input) {
    try {
      return EtcdTools.install(input.inventory(), input.etcdVersion());
    } catch (MissingChecksumException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.MISSING_CHECKSUM);
    }
  }
}
