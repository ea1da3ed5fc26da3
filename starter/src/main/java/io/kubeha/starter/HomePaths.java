package io.kubeha.starter;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.ClusterSpec;
import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.RegistryMirrorSpec;
import io.kubeha.inventory.SshSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Expands a leading ~/ in the inventory's local paths to the operator's home: the SSH key and
 * known_hosts, each registry mirror's caFile and credentialsFile, and the bundle.
 */
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
            expand(s.containerRuntime(), home),
            expand(s.artifacts(), home),
            s.options());
    return new Inventory(inv.apiVersion(), inv.kind(), inv.metadata(), spec);
  }

  private static ArtifactsSpec expand(ArtifactsSpec a, Path home) {
    if (a == null || a.bundle() == null) {
      return a;
    }
    return a.withBundle(expand(a.bundle(), home));
  }

  private static SshSpec expand(SshSpec ssh, Path home) {
    if (ssh == null) {
      return null;
    }
    return new SshSpec(
        ssh.user(), ssh.port(), expand(ssh.keyPath(), home), expand(ssh.knownHosts(), home));
  }

  private static ContainerRuntimeSpec expand(ContainerRuntimeSpec r, Path home) {
    if (r == null || r.registryMirrors() == null) {
      return r;
    }
    List<RegistryMirrorSpec> mirrors = new ArrayList<>();
    for (RegistryMirrorSpec m : r.registryMirrors()) {
      mirrors.add(
          m == null
              ? null
              : new RegistryMirrorSpec(
                  m.registry(),
                  m.endpoints(),
                  expand(m.caFile(), home),
                  m.insecure(),
                  expand(m.credentialsFile(), home)));
    }
    return new ContainerRuntimeSpec(
        r.containerd(),
        r.runc(),
        r.cniPlugins(),
        r.pauseImage(),
        Collections.unmodifiableList(mirrors));
  }

  static String expand(String path, Path home) {
    return path != null && path.startsWith("~/")
        ? home.resolve(path.substring(2)).toString()
        : path;
  }
}
