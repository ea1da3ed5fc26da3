package io.kubeha.workflow.certs;

import io.kubeha.workflow.engine.ObservedOperation;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Checks every control plane's certificates with kubeadm and, when asked, renews those due one
 * control plane at a time (kubeadm certs renew all, its control-plane components restarted and
 * healthy before the next), then refreshes the operator's admin.conf. Never two control planes
 * restarting at once.
 */
@WorkflowInterface
public interface ClusterCertificates extends ObservedOperation {

  @WorkflowMethod(name = "ClusterCertificates")
  CertificatesResult run(CertificatesInput input);
}
