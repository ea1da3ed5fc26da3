package io.kubeha.workflow.check;

import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Proves the cluster serves a workload: the bring-up's verification, then a test Deployment behind
 * a NodePort Service, reached through its ClusterIP, its NodePort and cluster DNS from every node,
 * and Pod to Pod across nodes; the workload is removed afterwards unless kept. It only adds and
 * removes its own namespace, so it runs beside any operation.
 */
@WorkflowInterface
public interface ClusterCheck extends ObservedOperation {

  @WorkflowMethod(name = "ClusterCheck")
  CheckResult run(CheckInput input);
}
