package io.kubeha.workflow.bringup;

import io.kubeha.activity.SshTarget;
import io.kubeha.activity.VerifyInput;
import io.kubeha.activity.VerifyReport;
import io.kubeha.inventory.ControlPlaneEndpointSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.FlannelManifest;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.StepTally;
import io.kubeha.workflow.engine.Targets;
import io.temporal.failure.ApplicationFailure;

/**
 * Nodes Ready, etcd members, the API through the endpoint, the add-ons available and cluster DNS
 * answering; a report with problems fails the run.
 */
public final class VerifyCluster implements BringUpPhase {
  public static final String VERIFY_FAILED = "VerifyFailed";

  @Override
  public Phase id() {
    return Phase.VERIFY_CLUSTER;
  }

  @Override
  public StepTally run(BringUpContext ctx) {
    Inventory inv = ctx.inventory();
    boolean proveFailover =
        ctx.input().proveFailover()
            || (inv.spec().options() != null
                && Boolean.TRUE.equals(inv.spec().options().proveFailover()));
    VerifyReport report =
        ActivityStubs.verify("verify " + inv.clusterName())
            .verifyCluster(input(inv, ctx.firstMaster(), proveFailover));
    ctx.verifyReport(report);
    if (!report.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the cluster is not healthy: " + String.join("; ", report.problems()), VERIFY_FAILED);
    }
    return StepTally.NONE;
  }

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
  static java.util.List<String> addonNamespaces(KubernetesSpec k) {
    return KubernetesSpec.FLANNEL.equals(k.cni())
        ? java.util.List.of("kube-system", FlannelManifest.NAMESPACE)
        : java.util.List.of("kube-system");
  }
}
