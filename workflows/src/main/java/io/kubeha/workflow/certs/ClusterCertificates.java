package io.kubeha.workflow.certs;

import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Checks every control plane's certificates with kubeadm and, when asked, renews those due one
 * control plane at a time (kubeadm certs renew all, its control-plane components restarted and
 * healthy before the next), then refreshes the operator's admin.conf. Never two control planes
 * restarting at once.
 */
@WorkflowInterface
public interface ClusterCertificates {

  @WorkflowMethod(name = "ClusterCertificates")
  CertificatesResult run(CertificatesInput input);

  @QueryMethod(name = "phase")
  PhaseView phase();

  @QueryMethod(name = "hosts")
  List<HostStatus> hosts();
}
