package io.kubeha.workflow.check;

import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Proves the cluster serves a workload: the bring-up's verification, then a test Deployment behind
 * a NodePort Service, reached through its ClusterIP, its NodePort and cluster DNS from every node,
 * and Pod to Pod across nodes; the workload is removed afterwards unless kept. It only adds and
 * removes its own namespace, so it runs beside any operation.
 */
@WorkflowInterface
public interface ClusterCheck {

  @WorkflowMethod(name = "ClusterCheck")
  CheckResult run(CheckInput input);

  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
