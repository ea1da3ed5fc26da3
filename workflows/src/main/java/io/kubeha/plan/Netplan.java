package io.kubeha.plan;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.NetworkSpec;
import java.util.List;

/**
 * The static address of a host as a netplan file (options.netplan): ethernets, address with prefix
 * length.
 */
public final class Netplan {
  public static final String PATH = "/etc/netplan/60-kubeha.yaml";

  private Netplan() {}

  public static String content(Inventory inv, HostSpec host) {
    NetworkSpec n = host.network();
    if (n == null || n.prefixLength() == null) {
      throw new IllegalArgumentException(
          "options.netplan is on but host "
              + host.name()
              + " has no network.prefixLength: set spec.hosts[].network for every host");
    }
    String iface =
        n.interfaceName() != null
            ? n.interfaceName()
            : inv.spec().controlPlaneEndpoint().networkInterface();
    StringBuilder b =
        new StringBuilder("# Managed by kubeha.\nnetwork:\n  version: 2\n  ethernets:\n");
    b.append("    ").append(iface).append(":\n");
    b.append("      dhcp4: false\n");
    b.append("      addresses:\n        - ")
        .append(host.address())
        .append('/')
        .append(n.prefixLength())
        .append('\n');
    if (n.gateway() != null) {
      b.append("      routes:\n        - to: default\n          via: ")
          .append(n.gateway())
          .append('\n');
    }
    if (n.nameservers() != null && !n.nameservers().isEmpty()) {
      b.append("      nameservers:\n        addresses:\n");
      n.nameservers().forEach(ns -> b.append("          - ").append(ns).append('\n'));
    }
    return b.toString();
  }

  public static Step step(Inventory inv, HostSpec host) {
    return new Step(
        "netplan",
        Phase.PREPARE_NODES,
        "Write the static network configuration",
        List.of(FileSpec.of(PATH, "0600", content(inv, host))),
        List.of(),
        List.of(Action.onChange("netplan-apply", "netplan apply")));
  }
}
