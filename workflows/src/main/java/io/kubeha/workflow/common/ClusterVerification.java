package io.kubeha.workflow.common;

import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyInput;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.FlannelManifest;
import io.kubeha.workflow.engine.Targets;
import java.util.List;

/**
 * What the VerifyCluster activity is asked, the same after a bring-up, before a check and after a
 * restore, and the failure type when its report has problems.
 */
public final class ClusterVerification {
  public static final String VERIFY_FAILED = "VerifyFailed";

  private ClusterVerification() {}

  /**
   * Every node Ready, every control plane an etcd member, the API through the endpoint (the VIP
   * when there are LBs).
   */
  public static VerifyInput input(Inventory inv, SshTarget firstMaster, boolean proveFailover) {
    ControlPlaneEndpointSpec endpoint = inv.spec().controlPlaneEndpoint();
    boolean viaLb = inv.hasLoadBalancers();
    return new VerifyInput(
        firstMaster,
        inv.nodes().stream().map(HostSpec::name).toList(),
        inv.controlPlanes().stream().map(HostSpec::name).toList(),
        inv.loadBalancers().stream().map(h -> Targets.of(inv, h)).toList(),
        viaLb ? endpoint.vip() : null,
        viaLb ? endpoint.port() : KubernetesSpec.API_SERVER_PORT,
        viaLb && proveFailover,
        addonNamespaces(inv.spec().kubernetes()),
        inv.spec().kubernetes().dnsDomain());
  }

  /** kube-system (kube-proxy, CoreDNS; Calico too), and flannel's own namespace. */
  static List<String> addonNamespaces(KubernetesSpec k) {
    return KubernetesSpec.FLANNEL.equals(k.cni())
        ? List.of("kube-system", FlannelManifest.NAMESPACE)
        : List.of("kube-system");
  }
}
