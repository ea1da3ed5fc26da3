package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import java.util.List;

/**
 * Node-prep steps that install the container runtime: containerd, runc, the CNI plugins,
 * containerd's config.
 */
public final class ContainerRuntime {
  static final String CNI_BIN = "/opt/cni/bin";
  static final String CNI_MARKER = CNI_BIN + "/.kubeha-archive-sha256";

  private ContainerRuntime() {}

  public static Step containerd(Inventory inv) {
    Download tarball = Artifacts.containerd(inv);
    String version = inv.spec().containerRuntime().containerd();
    String installed =
        "/usr/local/bin/containerd --version 2>/dev/null | grep -qwF " + Shell.quote("v" + version);
    String running =
        "systemctl is-enabled --quiet containerd && systemctl is-active --quiet containerd";
    return new Step(
        "containerd",
        Phase.PREPARE_NODES,
        "Install containerd",
        List.of(FileSpec.of(ContainerdUnit.PATH, "0644", ContainerdUnit.CONTENT)),
        List.of(tarball),
        List.of(
            Action.guarded(
                "extract-containerd",
                installed,
                "tar -C /usr/local -xzf " + Shell.quote(tarball.path())),
            Action.onChange("daemon-reload", "systemctl daemon-reload"),
            Action.guarded("enable-containerd", running, "systemctl enable --now containerd")));
  }

  public static Step runc(Inventory inv) {
    Download binary = Artifacts.runc(inv);
    String target = "/usr/local/sbin/runc";
    return new Step(
        "runc",
        Phase.PREPARE_NODES,
        "Install runc",
        List.of(),
        List.of(binary),
        List.of(
            Action.guarded(
                "install-runc",
                "cmp -s " + Shell.quote(binary.path()) + " " + target,
                "install -m 755 " + Shell.quote(binary.path()) + " " + target)));
  }

  /**
   * Extracts the plugins and records the archive's SHA-256 beside them, so a changed version
   * re-extracts.
   */
  public static Step cniPlugins(Inventory inv) {
    Download archive = Artifacts.cniPlugins(inv);
    String sha = Shell.quote(archive.sha256());
    String check = "test -x " + CNI_BIN + "/bridge && grep -qxF " + sha + " " + CNI_MARKER;
    String run =
        "mkdir -p "
            + CNI_BIN
            + " && tar -C "
            + CNI_BIN
            + " -xzf "
            + Shell.quote(archive.path())
            + " && echo "
            + sha
            + " > "
            + CNI_MARKER;
    return new Step(
        "cni-plugins",
        Phase.PREPARE_NODES,
        "Install the CNI plugins",
        List.of(),
        List.of(archive),
        List.of(Action.guarded("extract-cni-plugins", check, run)));
  }

  public static Step containerdConfig(Inventory inv) {
    return new Step(
        "containerd-config",
        Phase.PREPARE_NODES,
        "Configure containerd",
        List.of(FileSpec.of(ContainerdConfig.PATH, "0644", ContainerdConfig.content(inv))),
        List.of(),
        List.of(
            new Action(
                "restart-containerd",
                null,
                "systemctl restart containerd",
                Shell.waitFor("systemctl is-active --quiet containerd", 30),
                false,
                Action.DEFAULT_TIMEOUT_SECONDS),
            RegistryMirrors.prune(inv)));
  }
}
