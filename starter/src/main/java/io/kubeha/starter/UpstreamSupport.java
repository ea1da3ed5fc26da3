package io.kubeha.starter;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * When each Kubernetes minor's upstream support ends: the "End Of Life Date" of its page under
 * https://kubernetes.io/releases/ (read 2026-12-06). A minor older than the oldest listed ended
 * before it; a newer one is taken as supported.
 */
final class UpstreamSupport {
  private static final TreeMap<Integer, LocalDate> END_OF_LIFE =
      new TreeMap<>(
          Map.of(
              33, LocalDate.parse("2026-06-28"),
              34, LocalDate.parse("2026-10-27"),
              35, LocalDate.parse("2027-02-28"),
              36, LocalDate.parse("2027-06-28"),
              37, LocalDate.parse("2027-10-28")));

  private UpstreamSupport() {}

  /** A warning when version's minor is out of upstream support on today; empty otherwise. */
  static Optional<String> warning(String version, LocalDate today) {
    String[] parts = version == null ? new String[0] : version.split("\\.");
    if (parts.length < 2 || !parts[0].equals("1") || !parts[1].matches("\\d{1,3}")) {
      return Optional.empty(); // the validator reports a malformed version
    }
    int minor = Integer.parseInt(parts[1]);
    String fix =
        " — plan an upgrade (./kubeha upgrade) to a supported minor, e.g. 1."
            + END_OF_LIFE.lastKey();
    LocalDate end = END_OF_LIFE.get(minor);
    if (end == null && minor < END_OF_LIFE.firstKey()) {
      return Optional.of(
          "spec.kubernetes.version: 1."
              + minor
              + " is out of upstream support (older than 1."
              + END_OF_LIFE.firstKey()
              + ", whose support ended "
              + END_OF_LIFE.firstEntry().getValue()
              + ")"
              + fix);
    }
    if (end != null && today.isAfter(end)) {
      return Optional.of(
          "spec.kubernetes.version: 1."
              + minor
              + " is out of upstream support since "
              + end
              + " (kubernetes.io/releases/1."
              + minor
              + ")"
              + fix);
    }
    return Optional.empty();
  }
}
