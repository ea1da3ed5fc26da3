package io.kubeha.activities;

import static io.kubeha.ssh.ShellQuote.quote;

import io.kubeha.ssh.RemoteCommand;
import io.kubeha.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * kubeha's bootstrap tokens, found by their description: one per join, and init's own. Each is
 * deleted once its node joined (init's once init is done), not left to live out its TTL: a token
 * lets whoever holds it join a node to the cluster.
 */
final class BootstrapTokens {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private BootstrapTokens() {}

  static String joinOf(String host) {
    return "kubeha: join of " + host + ", deleted once it joined";
  }

  /** Mints a token for host's join and prints its join command (a secret). */
  static String create(String host) {
    return "kubeadm token create --print-join-command --ttl 1h --description "
        + quote(joinOf(host));
  }

  /** Deletes every token described so, through controlPlane; none is fine. */
  static void delete(RemoteShell controlPlane, String description) {
    List<String> names = named(controlPlane, description);
    if (!names.isEmpty()) {
      controlPlane.runOk(
          RemoteCommand.of(
              ClusterQueries.KUBECTL
                  + " -n kube-system delete secret --ignore-not-found "
                  + String.join(" ", names.stream().map(n -> quote(n)).toList()),
              QUICK),
          "delete the bootstrap token (" + description + ")");
    }
  }

  /** Whether a token described so is still there (not yet deleted, nor expired and cleaned up). */
  static boolean live(RemoteShell controlPlane, String description) {
    return !named(controlPlane, description).isEmpty();
  }

  /** The token secrets described so. */
  private static List<String> named(RemoteShell controlPlane, String description) {
    // Names and descriptions only: the token secrets stay out of the output.
    String listed =
        controlPlane
            .runOk(
                RemoteCommand.of(
                    ClusterQueries.KUBECTL
                        + " -n kube-system get secrets"
                        + " --field-selector type=bootstrap.kubernetes.io/token -o jsonpath="
                        + quote(
                            "{range .items[*]}{.metadata.name} {.data.description}{\"\\n\"}{end}"),
                    QUICK),
                "list bootstrap tokens")
            .stdout();
    return described(listed, description);
  }

  /** The secrets of "name base64(description)" lines whose description is description. */
  static List<String> described(String listed, String description) {
    List<String> names = new ArrayList<>();
    for (String line : listed.strip().split("\n")) {
      String[] f = line.strip().split(" ");
      if (f.length == 2 && f[0].startsWith("bootstrap-token-") && decodes(f[1], description)) {
        names.add(f[0]);
      }
    }
    return names;
  }

  private static boolean decodes(String base64, String description) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8)
          .equals(description);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
