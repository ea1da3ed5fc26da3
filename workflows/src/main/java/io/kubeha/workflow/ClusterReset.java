package io.kubeha.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Takes a cluster down for good: kubeadm reset on every node (workers, then control planes one at a
 * time), what node prep installed for Kubernetes removed, keepalived and nginx stopped. The OS prep
 * stays; `up` afterwards builds the cluster anew.
 */
@WorkflowInterface
public interface ClusterReset {

  @WorkflowMethod(name = "ClusterReset")
  ResetResult run(ResetInput input);

  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
