package io.kubeha.plan.daytwo;

import io.kubeha.plan.Shell;

/**
 * How a command on a control plane reaches its cluster: kubectl with kubeadm's admin.conf, and the
 * local etcd's gRPC gateway with kubeadm's health-check client certificate (no etcdctl needed).
 */
public final class ControlPlaneAccess {
  public static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
  public static final String KUBECTL = "kubectl --kubeconfig " + ADMIN_CONF;

  /** curl's options for kubeadm's etcd health-check client certificate. */
  public static final String ETCD_CLIENT =
      "--cacert /etc/kubernetes/pki/etcd/ca.crt"
          + " --cert /etc/kubernetes/pki/etcd/healthcheck-client.crt --key /etc/kubernetes/pki/etcd/healthcheck-client.key";

  private ControlPlaneAccess() {}

  /** POST body to the local etcd gateway's /v3/cluster/member/ACTION. */
  public static String etcdGateway(String action, String body) {
    return "curl -sS --fail --max-time 10 "
        + ETCD_CLIENT
        + " -X POST -d "
        + Shell.quote(body)
        + " https://127.0.0.1:2379/v3/cluster/member/"
        + action;
  }
}
