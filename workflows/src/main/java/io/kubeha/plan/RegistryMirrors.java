package io.kubeha.plan;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.RegistryMirrorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-prep step that writes containerd's registry host config for each registry mirror, and
 * the action that removes the ones kubeha wrote for registries the inventory no longer lists.
 * containerd reads these files at each pull: no restart.
 *
 * <p>A hosts.toml without credentials is a plain file of the plan. With credentials it is a {@link
 * WorkerFile} (mode 0600) that the worker completes from credentialsFile when it applies the step,
 * so the secret stays out of the plan and the run's history; a caFile is copied the same way.
 */
public final class RegistryMirrors {
  public static final String CERTS_DIR = "/etc/containerd/certs.d";

  private RegistryMirrors() {}

  /** The step, or null when the inventory names no registry mirror. */
  public static Step step(Inventory inv) {
    List<RegistryMirrorSpec> mirrors = mirrors(inv);
    if (mirrors.isEmpty()) {
      return null;
    }
    List<FileSpec> files = new ArrayList<>();
    List<WorkerFile> workerFiles = new ArrayList<>();
    for (int i = 0; i < mirrors.size(); i++) {
      RegistryMirrorSpec m = mirrors.get(i);
      String field = "spec.containerRuntime.registryMirrors[" + i + "]";
      String hostsToml = RegistryHostsToml.content(m);
      if (m.credentialsFile() == null) {
        files.add(FileSpec.of(RegistryHostsToml.path(m), "0644", hostsToml));
      } else {
        workerFiles.add(
            new WorkerFile(
                RegistryHostsToml.path(m),
                "0600",
                "root:root",
                WorkerFile.Fill.BASIC_AUTH,
                m.credentialsFile(),
                field + ".credentialsFile",
                hostsToml));
      }
      if (m.caFile() != null) {
        workerFiles.add(
            new WorkerFile(
                RegistryHostsToml.caPath(m),
                "0644",
                "root:root",
                WorkerFile.Fill.PEM_CERTIFICATES,
                m.caFile(),
                field + ".caFile",
                null));
      }
    }
    return new Step(
        "registry-mirrors",
        Phase.PREPARE_NODES,
        "Configure containerd's registry mirrors",
        files,
        List.of(),
        List.of(),
        workerFiles);
  }

  /**
   * Removes each registry directory whose hosts.toml kubeha wrote (its first line says so) and the
   * inventory no longer lists; directories written by others stay.
   */
  public static Action prune(Inventory inv) {
    List<String> kept = mirrors(inv).stream().map(m -> Shell.quote(m.registry())).toList();
    String keep =
        kept.isEmpty() ? "" : "case ${d##*/} in " + String.join("|", kept) + ") continue;; esac; ";
    String loop =
        "for f in "
            + CERTS_DIR
            + "/*/hosts.toml; do head -n 1 \"$f\" 2>/dev/null | grep -qxF "
            + Shell.quote(RegistryHostsToml.MANAGED)
            + " || continue; d=${f%/hosts.toml}; "
            + keep;
    String none = "! { " + loop + "echo \"$d\"; done; } | grep -q .";
    return Action.guarded("prune-registry-mirrors", none, loop + "rm -rf -- \"$d\"; done");
  }

  private static List<RegistryMirrorSpec> mirrors(Inventory inv) {
    List<RegistryMirrorSpec> mirrors = inv.spec().containerRuntime().registryMirrors();
    return mirrors == null ? List.of() : mirrors;
  }
}
