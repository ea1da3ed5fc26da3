package io.kubeha.worker;

import io.kubeha.inventory.HostSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The secrets a lab bring-up really used (join tokens and certificate keys the lab's API server
 * saw, the SSH private key's lines, every VRRP auth_pass) and a search for them in texts such as
 * histories and logs.
 */
public final class SecretSearch {
  /** Secret text to what it is, e.g. "token secret of abcdef"; the map's keys are never printed. */
  private final Map<String, String> needles;

  private final int tokens;
  private final int certificateKeys;

  private SecretSearch(Map<String, String> needles, int tokens, int certificateKeys) {
    this.needles = needles;
    this.tokens = tokens;
    this.certificateKeys = certificateKeys;
  }

  /**
   * Collects the needles once the run is over (the watcher saw every token and certificate key
   * meanwhile).
   */
  public static SecretSearch of(LabCluster cluster, LabSecrets seen) throws IOException {
    Set<String> tokens = seen.tokens();
    Set<String> keys = seen.certificateKeys();
    Map<String, String> needles = new TreeMap<>();
    tokens.forEach(
        t ->
            needles.put(
                t.substring(t.indexOf('.') + 1),
                "token secret of " + t.substring(0, t.indexOf('.'))));
    keys.forEach(k -> needles.put(k, "certificate key " + k.substring(0, 6) + "..."));
    privateKeyLines(cluster).forEach(l -> needles.put(l, "a line of the SSH private key"));
    needles.put("auth_pass", "a VRRP secret");
    for (HostSpec lb : cluster.inventory.loadBalancers()) {
      cluster
          .lab
          .exec(lb.name(), "cat", "/etc/keepalived/keepalived.conf")
          .stdout()
          .lines()
          .map(String::trim)
          .filter(l -> l.startsWith("auth_pass"))
          .forEach(
              l ->
                  needles.put(
                      l.substring("auth_pass".length()).trim(),
                      "the VRRP auth_pass of " + lb.name()));
    }
    return new SecretSearch(needles, tokens.size(), keys.size());
  }

  public int tokens() {
    return tokens;
  }

  public int certificateKeys() {
    return certificateKeys;
  }

  public int needles() {
    return needles.size();
  }

  /** Every secret found in any of the named texts, described with the secret masked. */
  public List<String> leaks(Map<String, String> textsByName) {
    List<String> found = new ArrayList<>();
    needles.forEach(
        (needle, what) ->
            textsByName.forEach(
                (name, text) ->
                    leak(text, needle)
                        .ifPresent(at -> found.add(what + " in " + name + ": " + at))));
    return found;
  }

  /**
   * Where needle occurs in text: the surrounding characters with the secret masked, so the report
   * leaks nothing.
   */
  private static Optional<String> leak(String text, String needle) {
    int at = text.indexOf(needle);
    if (at < 0) {
      return Optional.empty();
    }
    String around =
        text.substring(Math.max(0, at - 120), Math.min(text.length(), at + needle.length() + 40));
    return Optional.of("..." + around.replace(needle, "<SECRET>").replace('\n', ' ') + "...");
  }

  /** The base64 lines of the inventory's SSH private key. */
  private static List<String> privateKeyLines(LabCluster cluster) throws IOException {
    String keyPath =
        cluster
            .inventory
            .spec()
            .ssh()
            .keyPath()
            .replaceFirst("^~", System.getProperty("user.home"));
    List<String> lines =
        Files.readAllLines(cluster.lab.inventoryPath().getParent().resolve(keyPath)).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("-----"))
            .toList();
    if (lines.size() < 3) {
      throw new IllegalStateException("the private key has no base64 body: " + keyPath);
    }
    return lines;
  }

  /** The lab's call logs of every host as one text. */
  public static String callLogs(LabCluster cluster) {
    StringBuilder all = new StringBuilder();
    cluster
        .inventory
        .hosts()
        .forEach(h -> cluster.lab.callLog(h.name()).forEach(l -> all.append(l).append('\n')));
    return all.toString();
  }
}
