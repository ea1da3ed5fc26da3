package io.kubeha.workflow.bringup;

import io.kubeha.workflow.engine.HostStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Prepares one host for its roles: the node-prep steps of its plan, in order. */
@WorkflowInterface
public interface HostPrep {

  @WorkflowMethod(name = "HostPrep")
  HostPrepResult run(HostPrepInput input);

  @QueryMethod(name = "status")
  HostStatus status();
}
