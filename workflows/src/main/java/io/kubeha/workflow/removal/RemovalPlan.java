package io.kubeha.workflow.removal;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import java.util.List;

/** What a removal will do, node by node: what its gate shows, and the CLI before it asks. */
public final class RemovalPlan {
  private RemovalPlan() {}

  public static String text(Inventory inv, List<String> nodes, long drainTimeoutSeconds) {
    StringBuilder text =
        new StringBuilder("Removing from cluster ").append(inv.clusterName()).append(":\n");
    List<HostSpec> going = inv.nodes().stream().filter(h -> nodes.contains(h.name())).toList();
    for (HostSpec h : going) {
      boolean master = h.has(Role.CONTROL_PLANE);
      text.append("  ")
          .append(h.name())
          .append(" (")
          .append(h.address())
          .append(", ")
          .append(master ? "control plane" : "worker")
          .append("): cordon, drain (at most ")
          .append(drainTimeoutSeconds)
          .append(" s), kubeadm reset")
          .append(master ? ", remove its etcd member" : "")
          .append(", kubectl delete node\n");
    }
    List<String> masters =
        going.stream().filter(h -> h.has(Role.CONTROL_PLANE)).map(HostSpec::name).toList();
    if (!masters.isEmpty() && inv.hasLoadBalancers()) {
      text.append("  ")
          .append(String.join(", ", inv.loadBalancers().stream().map(HostSpec::name).toList()))
          .append(": nginx stops proxying to ")
          .append(String.join(", ", masters))
          .append(" (a reload; the VIP stays)\n");
    }
    return text.append("Pods on these nodes are evicted; the nodes leave the cluster for good.\n")
        .toString();
  }
}
