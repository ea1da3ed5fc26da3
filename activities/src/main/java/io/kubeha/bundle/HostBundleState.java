package io.kubeha.bundle;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a host has of a bundle: each entry's SHA-256 where its size is right, and the size of each
 * entry cut off mid-way (NAME.part).
 */
record HostBundleState(Map<String, String> sha256, Map<String, Long> parts) {
  private static final Duration SURVEY = Duration.ofMinutes(10);

  static HostBundleState take(RemoteShell shell, String directory, List<BundleEntry> entries) {
    // Sizes first: only files of the right size are hashed (a part's bytes are hashed when used).
    Map<String, Long> size = sizes(shell, directory);
    List<String> sized = new ArrayList<>();
    Map<String, Long> parts = new HashMap<>();
    for (BundleEntry e : entries) {
      if (Long.valueOf(e.size()).equals(size.get(e.name()))) {
        sized.add(e.name());
      }
      Long part = size.get(e.name() + BundleUpload.PART);
      if (part != null) {
        parts.put(e.name(), part);
      }
    }
    return new HostBundleState(hashes(shell, directory, sized), parts);
  }

  /** Every file's size under directory (made if missing), by its path there. */
  private static Map<String, Long> sizes(RemoteShell shell, String directory) {
    String find =
        "mkdir -p "
            + quote(directory)
            + " && cd "
            + quote(directory)
            + " && find . -type f -printf '%s %P\\n'";
    Map<String, Long> size = new HashMap<>();
    shell
        .runOk(RemoteCommand.of(find, SURVEY).withSummary("list " + directory), "bundle")
        .stdout()
        .lines()
        .map(line -> line.split(" ", 2))
        .filter(f -> f.length == 2)
        .forEach(f -> size.put(f[1], Long.parseLong(f[0])));
    return size;
  }

  /** The SHA-256 of each named file under directory, as sha256sum prints them. */
  private static Map<String, String> hashes(
      RemoteShell shell, String directory, List<String> names) {
    Map<String, String> sha = new HashMap<>();
    if (names.isEmpty()) {
      return sha;
    }
    StringBuilder hash = new StringBuilder("cd " + quote(directory) + " && sha256sum --");
    names.forEach(n -> hash.append(' ').append(quote(n)));
    shell
        .runOk(RemoteCommand.of(hash.toString(), SURVEY).withSummary("hash " + directory), "bundle")
        .stdout()
        .lines()
        .map(line -> line.split(" {1,2}\\*?", 2))
        .filter(f -> f.length == 2)
        .forEach(f -> sha.put(f[1], f[0]));
    return sha;
  }

  boolean complete(BundleEntry e) {
    return e.sha256().equals(sha256.get(e.name()));
  }

  long partSize(BundleEntry e) {
    return parts.getOrDefault(e.name(), 0L);
  }
}
