package io.kubeha.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Certificate care on a control plane with the real kubeadm; each call adopts what an earlier
 * attempt did.
 */
@ActivityInterface
public interface CertificateActivities {

  /** `kubeadm certs check-expiration -o json`: every certificate and CA of the node. */
  @ActivityMethod(name = "CheckCertificateExpiration")
  List<CertificateExpiry> checkExpiration(SshTarget node);

  /** `kubeadm certs renew all`, at most once per run (a marker on the node names the run). */
  @ActivityMethod(name = "RenewCertificates")
  StepResult renewCertificates(RenewCertificatesInput input);

  /**
   * Restarts the node's etcd, kube-apiserver, kube-controller-manager and kube-scheduler (each
   * static Pod's manifest moved out until the component is down, then back until it is healthy; the
   * API server stays down while etcd restarts), so they load the renewed certificates; skipped when
   * no renewal is pending on the node.
   */
  @ActivityMethod(name = "RestartControlPlane")
  StepResult restartControlPlane(RenewCertificatesInput input);

  /**
   * Copies the node's renewed admin.conf to the operator's side (mode 600), replacing the old copy.
   */
  @ActivityMethod(name = "SaveAdminConf")
  void saveAdminConf(SshTarget node, String adminConfPath);
}
