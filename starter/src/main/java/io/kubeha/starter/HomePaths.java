package io.kubeha.starter;

import io.kubeha.inventory.ClusterSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.SshSpec;
import java.nio.file.Path;

/** Expands a leading ~/ in the inventory's SSH key and known_hosts paths to the operator's home. */
public final class HomePaths {
  private HomePaths() {}

  public static Inventory expand(Inventory inv, Path home) {
    ClusterSpec s = inv.spec();
    if (s == null) {
      return inv;
    }
    var hosts =
        s.hosts() == null
            ? null
            : s.hosts().stream()
                .map(
                    h ->
                        h == null || h.ssh() == null
                            ? h
                            : new HostSpec(
                                h.name(),
                                h.address(),
                                h.roles(),
                                expand(h.ssh(), home),
                                h.network()))
                .toList();
    ClusterSpec spec =
        new ClusterSpec(
            expand(s.ssh(), home),
            hosts,
            s.controlPlaneEndpoint(),
            s.ntp(),
            s.kubernetes(),
            s.containerRuntime(),
            s.artifacts(),
            s.options());
    return new Inventory(inv.apiVersion(), inv.kind(), inv.metadata(), spec);
  }

  private static SshSpec expand(SshSpec ssh, Path home) {
    if (ssh == null) {
      return null;
    }
    return new SshSpec(
        ssh.user(), ssh.port(), expand(ssh.keyPath(), home), expand(ssh.knownHosts(), home));
  }

  static String expand(String path, Path home) {
    return path != null && path.startsWith("~/")
        ? home.resolve(path.substring(2)).toString()
        : path;
  }
}
