package io.kubeha.worker;

import io.kubeha.inventory.HostSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The join secrets kubeadm printed during a run: the lab's kubeadm shim appends every bootstrap
 * token and certificate key it sees on kubeadm's output to a root-only file on the host
 * (/var/lib/kubeha-lab/secrets), read here from the hosts' upper dirs.
 */
public final class LabSecrets implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
  private static final Pattern KEY = Pattern.compile("[a-f0-9]{64}");
  private final LabChecks lab;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Set<String> certificateKeys = ConcurrentHashMap.newKeySet();

  private LabSecrets(LabChecks lab) {
    this.lab = lab;
  }

  /** The file only grows, so reading it at the end sees every secret of the run. */
  public static LabSecrets watch(LabChecks lab) {
    return new LabSecrets(lab);
  }

  public Set<String> tokens() {
    collect();
    return Set.copyOf(tokens);
  }

  public Set<String> certificateKeys() {
    collect();
    return Set.copyOf(certificateKeys);
  }

  private void collect() {
    for (HostSpec h : lab.inventory().controlPlanes()) {
      Path file =
          lab.lab()
              .dir()
              .resolve(Path.of("hosts", h.name(), "upper", "var", "lib", "kubeha-lab", "secrets"));
      try {
        for (String line :
            Files.exists(file) ? Files.readAllLines(file) : java.util.List.<String>of()) {
          if (TOKEN.matcher(line).matches()) {
            tokens.add(line);
          } else if (KEY.matcher(line).matches()) {
            certificateKeys.add(line);
          }
        }
      } catch (IOException e) {
        // read again on the next call
      }
    }
  }

  @Override
  public void close() {}
}
