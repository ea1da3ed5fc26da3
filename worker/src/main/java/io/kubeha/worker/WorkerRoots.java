package io.kubeha.worker;

import io.kubeha.files.AllowedRoots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories a worker's activities may read, write and delete files in when a workflow input
 * names them: $KUBEHA_HOME, each directory of $KUBEHA_ALLOWED_PATHS (colon-separated), and those
 * given with `kubeha worker --allow-path DIR`. SSH keys and known_hosts may also be in the worker
 * user's ~/.ssh: they are only used to authenticate and check host keys, never copied anywhere.
 */
public final class WorkerRoots {
  private WorkerRoots() {}

  /** $KUBEHA_HOME and $KUBEHA_ALLOWED_PATHS of this process, and allowed. */
  public static AllowedRoots of(List<Path> allowed) {
    return of(KubehaHome.dir(), System.getenv(), allowed);
  }

  static AllowedRoots of(Path home, Map<String, String> env, List<Path> allowed) {
    List<Path> roots = new ArrayList<>();
    roots.add(home);
    roots.addAll(AllowedRoots.parse(env.get(AllowedRoots.ENV)));
    roots.addAll(allowed);
    return AllowedRoots.of(roots);
  }

  /** roots, and the worker user's ~/.ssh: where an inventory's keyPath and knownHosts may be. */
  public static AllowedRoots forSsh(AllowedRoots roots) {
    return forSsh(roots, Path.of(System.getProperty("user.home")));
  }

  static AllowedRoots forSsh(AllowedRoots roots, Path userHome) {
    return roots.with(List.of(userHome.resolve(".ssh")));
  }
}
