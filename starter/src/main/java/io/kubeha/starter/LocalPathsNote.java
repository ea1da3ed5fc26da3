package io.kubeha.starter;

import io.kubeha.files.AllowedRoots;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.RegistryMirrorSpec;
import io.kubeha.inventory.SshSpec;
import io.kubeha.worker.WorkerRoots;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a run starts on the local dev server: names each file of the run that a worker started
 * here would refuse (outside $KUBEHA_HOME and $KUBEHA_ALLOWED_PATHS), and how to allow it. A note,
 * not a refusal: a worker started with --allow-path may allow it.
 */
final class LocalPathsNote {
  private LocalPathsNote() {}

  /** The inventory's files on the worker's machine, by field (paths already expanded). */
  static Map<String, String> of(Inventory inv) {
    Map<String, String> paths = new LinkedHashMap<>();
    if (inv.spec() == null) {
      return paths;
    }
    ssh(paths, "spec.ssh", inv.spec().ssh());
    List<HostSpec> hosts = inv.hosts();
    for (int i = 0; i < hosts.size(); i++) {
      if (hosts.get(i) != null) {
        ssh(paths, "spec.hosts[" + i + "].ssh", hosts.get(i).ssh());
      }
    }
    if (inv.spec().containerRuntime() != null
        && inv.spec().containerRuntime().registryMirrors() != null) {
      List<RegistryMirrorSpec> mirrors = inv.spec().containerRuntime().registryMirrors();
      for (int i = 0; i < mirrors.size(); i++) {
        RegistryMirrorSpec m = mirrors.get(i);
        if (m != null) {
          String field = "spec.containerRuntime.registryMirrors[" + i + "]";
          put(paths, field + ".caFile", m.caFile());
          put(paths, field + ".credentialsFile", m.credentialsFile());
        }
      }
    }
    if (inv.spec().artifacts() != null) {
      put(paths, "spec.artifacts.bundle", inv.spec().artifacts().bundle());
    }
    return paths;
  }

  /** Writes the note on err when the connection is the local dev server's and a path is out. */
  static void warn(TemporalConnection connection, Map<String, String> paths, PrintWriter err) {
    warn(connection, paths, err, List.of());
  }

  /** The same for a worker also allowed allowed. */
  static void warn(
      TemporalConnection connection,
      Map<String, String> paths,
      PrintWriter err,
      List<Path> allowed) {
    if (connection.embedded()) {
      warn(WorkerRoots.of(allowed), paths, err);
    }
  }

  static void warn(AllowedRoots roots, Map<String, String> paths, PrintWriter err) {
    paths.forEach(
        (field, path) -> {
          try {
            (field.contains(".ssh.") ? WorkerRoots.forSsh(roots) : roots).check(field, path);
          } catch (ApplicationFailure e) {
            Path given = Path.of(path).toAbsolutePath();
            Path dir = Files.isDirectory(given) ? given : given.getParent();
            err.println(
                "kubeha: note: "
                    + field
                    + " "
                    + path
                    + " is outside $KUBEHA_HOME and $"
                    + AllowedRoots.ENV
                    + ", so the local worker will refuse it; allow its directory:"
                    + " `./kubeha server stop` and run again with "
                    + AllowedRoots.ENV
                    + "="
                    + dir
                    + ", or run `./kubeha worker --allow-path "
                    + dir
                    + "` yourself");
          }
        });
    err.flush();
  }

  private static void ssh(Map<String, String> paths, String field, SshSpec ssh) {
    if (ssh != null) {
      put(paths, field + ".keyPath", ssh.keyPath());
      put(paths, field + ".knownHosts", ssh.knownHosts());
    }
  }

  private static void put(Map<String, String> paths, String field, String path) {
    if (path != null && !path.isBlank() && path.indexOf('\0') < 0) {
      paths.put(field, path);
    }
  }
}
