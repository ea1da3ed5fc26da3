package io.kubeha.starter;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;

/**
 * The markdown the Temporal UI shows as a run's static details: cluster, endpoint, hosts, versions.
 */
final class StaticDetails {
  private StaticDetails() {}

  static String markdown(Inventory inv) {
    var k = inv.spec().kubernetes();
    var rt = inv.spec().containerRuntime();
    StringBuilder md = new StringBuilder();
    md.append("**Cluster** ")
        .append(inv.clusterName())
        .append(" · control-plane endpoint ")
        .append(inv.controlPlaneEndpoint())
        .append("\n\n");
    md.append("**Versions** Kubernetes ")
        .append(k.version())
        .append(" · containerd ")
        .append(rt.containerd())
        .append(" · runc ")
        .append(rt.runc())
        .append(" · CNI plugins ")
        .append(rt.cniPlugins())
        .append(" · ")
        .append(k.cni())
        .append(' ')
        .append(k.cniVersion())
        .append("\n\n");
    md.append("| host | address | roles |\n|---|---|---|\n");
    for (HostSpec h : inv.hosts()) {
      md.append("| ")
          .append(h.name())
          .append(" | ")
          .append(h.address())
          .append(" | ")
          .append(String.join(", ", h.roles()))
          .append(" |\n");
    }
    return md.toString();
  }
}
