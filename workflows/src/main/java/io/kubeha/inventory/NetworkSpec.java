package io.kubeha.inventory;

import java.util.List;

/** spec.hosts[i].network: the static address netplan writes when options.netplan is on. */
public record NetworkSpec(
    String interfaceName, Integer prefixLength, String gateway, List<String> nameservers) {}
