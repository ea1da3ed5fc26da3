package io.kubeha.plan;

import io.kubeha.inventory.Inventory;

/**
 * containerd 2.x's /etc/containerd/config.toml (version 3), written whole by kubeha: the systemd
 * cgroup driver kubelet expects, the pause image kubeadm's version pins and, with registry mirrors,
 * the registry host config directory. Every other setting keeps containerd's built-in default.
 *
 * <p>That includes containerd's drop-in directory: `containerd config default` says {@code imports
 * = ['/etc/containerd/conf.d/*.toml']}, but containerd only follows the imports a file names, so a
 * config.toml without the line loses it. Files there are merged over this one (a table's keys one
 * by one), so an operator's settings survive kubeha rewriting config.toml.
 */
public final class ContainerdConfig {
  public static final String PATH = "/etc/containerd/config.toml";

  /** containerd's default drop-in files (its defaults.DefaultConfigIncludePattern). */
  public static final String DROP_INS = "/etc/containerd/conf.d/*.toml";

  private ContainerdConfig() {}

  public static String content(Inventory inv) {
    return """
        # Managed by kubeha.
        version = 3
        root = '/var/lib/containerd'
        state = '/run/containerd'
        imports = ['%s']

        [grpc]
          address = '/run/containerd/containerd.sock'

        [plugins.'io.containerd.cri.v1.images'.pinned_images]
          sandbox = '%s'

        %s[plugins.'io.containerd.cri.v1.runtime'.containerd]
          default_runtime_name = 'runc'

        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
          runtime_type = 'io.containerd.runc.v2'

        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
          SystemdCgroup = true
        """
        .formatted(
            DROP_INS, tomlLiteral(inv.spec().containerRuntime().pauseImage()), registry(inv));
  }

  /**
   * containerd's default (certs.d and Docker's /etc/docker/certs.d) is left alone without mirrors,
   * so a config written before mirrors existed stays the same and containerd is not restarted.
   */
  private static String registry(Inventory inv) {
    var mirrors = inv.spec().containerRuntime().registryMirrors();
    if (mirrors == null || mirrors.isEmpty()) {
      return "";
    }
    return "[plugins.'io.containerd.cri.v1.images'.registry]\n  config_path = '"
        + RegistryMirrors.CERTS_DIR
        + "'\n\n";
  }

  /**
   * A TOML literal string holds anything but ' and newlines; the validator never lets those
   * through.
   */
  private static String tomlLiteral(String value) {
    if (value.contains("'") || value.contains("\n")) {
      throw new IllegalArgumentException(
          "pause image cannot be written as a TOML literal: " + value);
    }
    return value;
  }
}
