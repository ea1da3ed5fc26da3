package io.kubeha.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Removes nodes from a running cluster: workers drained and reset in parallel within the bound,
 * then control planes one at a time (etcd membership changes are not safe in parallel), then the
 * load balancers' upstreams. The same phase and hosts queries as the bring-up.
 */
@WorkflowInterface
public interface ClusterRemoveNodes {

  @WorkflowMethod(name = "ClusterRemoveNodes")
  RemovalResult run(RemovalInput input);

  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
