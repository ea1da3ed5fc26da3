package io.kubeha.bundle;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan's release files, fetched from a release mirror (or github.com) at their release paths
 * into files/, each checked against the plan's SHA-256.
 */
public final class ReleaseFiles {
  private final HttpFetch http;
  private final Staging staging;

  public ReleaseFiles(HttpFetch http, Staging staging) {
    this.http = http;
    this.staging = staging;
  }

  /** One release file: its name in the plan, its path below the release base, its SHA-256. */
  public record Wanted(String name, String releasePath, String sha256) {}

  /** The bundle's files and their entries, in the order given. */
  public List<BundleFile> collect(String base, List<Wanted> wanted, List<BundleEntry> entries) {
    List<BundleFile> files = new ArrayList<>();
    for (Wanted w : wanted) {
      URI from = URI.create(trimSlash(base) + w.releasePath());
      String entry = EntryNames.FILES + w.releasePath();
      entries.add(
          staging.fetch(entry, w.sha256(), -1, from.toString(), () -> http.get(from, Map.of())));
      files.add(new BundleFile(w.name(), entry, w.sha256()));
    }
    return files;
  }

  static String trimSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
