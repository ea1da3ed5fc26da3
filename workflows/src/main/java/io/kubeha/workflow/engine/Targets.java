package io.kubeha.workflow.engine;

import io.kubeha.activity.SshTarget;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.SshSpec;

/** SSH targets of inventory hosts, with each host's overrides applied. */
public final class Targets {
  private Targets() {}

  public static SshTarget of(Inventory inv, HostSpec host) {
    SshSpec ssh = inv.sshFor(host);
    return new SshTarget(
        host.name(), host.address(), ssh.port(), ssh.user(), ssh.keyPath(), ssh.knownHosts());
  }

  public static SshTarget of(Inventory inv, String host) {
    return of(
        inv, inv.host(host).orElseThrow(() -> new IllegalArgumentException("no host " + host)));
  }
}
