package io.kubeha.starter;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Problem;
import io.kubeha.inventory.SshSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that the SSH key and known_hosts file each host will use are readable files here. Paths
 * must be expanded already ({@link HomePaths}); each problem names the field that set the path.
 */
public final class SshFilesCheck {
  private SshFilesCheck() {}

  public static List<Problem> check(Inventory inv) {
    List<Problem> problems = new ArrayList<>();
    Set<String> checked = new LinkedHashSet<>();
    if (inv.spec() == null || inv.spec().hosts() == null) {
      return problems; // the loader reported that already
    }
    List<HostSpec> hosts = inv.hosts();
    SshSpec shared =
        inv.spec().ssh() == null ? new SshSpec(null, null, null, null) : inv.spec().ssh();
    for (int i = 0; i < hosts.size(); i++) {
      HostSpec h = hosts.get(i);
      if (h == null) {
        continue;
      }
      boolean ownKey = h.ssh() != null && h.ssh().keyPath() != null;
      boolean ownKnownHosts = h.ssh() != null && h.ssh().knownHosts() != null;
      String key = ownKey ? h.ssh().keyPath() : shared.keyPath();
      String knownHosts = ownKnownHosts ? h.ssh().knownHosts() : shared.knownHosts();
      String hostPath = "spec.hosts[" + i + "].ssh";
      file(
          ownKey ? hostPath + ".keyPath" : "spec.ssh.keyPath",
          key,
          "create one with ssh-keygen -t ed25519 and authorise it on the hosts, or point keyPath at your private key",
          checked,
          problems);
      file(
          ownKnownHosts ? hostPath + ".knownHosts" : "spec.ssh.knownHosts",
          knownHosts,
          "add the hosts' keys after checking their fingerprints (ssh-keyscan ADDRESS >> FILE), or point knownHosts at a file that has them",
          checked,
          problems);
    }
    return problems;
  }

  private static void file(
      String field, String value, String fix, Set<String> checked, List<Problem> problems) {
    if (value == null || !checked.add(field)) {
      return;
    }
    ReadableFile.problem(field, value, fix).ifPresent(problems::add);
  }
}
