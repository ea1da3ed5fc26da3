package io.kubeha.workflow.reset;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.List;

/** What a reset will do, host by host: what its gate shows, and the CLI before it asks. */
public final class ResetPlan {
  private ResetPlan() {}

  public static String text(Inventory inv) {
    StringBuilder text =
        new StringBuilder("Resetting cluster ")
            .append(inv.clusterName())
            .append(": every workload and all cluster state (etcd) are lost.\n")
            .append("  nodes ")
            .append(names(inv.nodes()))
            .append(
                ": kubeadm reset, then kubelet, kubeadm, kubectl, containerd, runc, the CNI plugins"
                    + " and their state removed\n");
    if (inv.hasLoadBalancers()) {
      text.append("  load balancers ")
          .append(names(inv.loadBalancers()))
          .append(": keepalived and nginx stopped and disabled (the VIP ")
          .append(inv.spec().controlPlaneEndpoint().vip())
          .append(" goes)\n");
    }
    return text.toString();
  }

  private static String names(List<HostSpec> hosts) {
    return String.join(", ", hosts.stream().map(HostSpec::name).toList());
  }
}
