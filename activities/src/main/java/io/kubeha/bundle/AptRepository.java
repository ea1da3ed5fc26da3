package io.kubeha.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * One minor's Kubernetes apt repository, laid out like pkgs.k8s.io's
 * (apt/core:/stable:/v1.37/deb/): Release and its signatures and key as the source has them, every
 * Packages index the Release lists (each checked by it), and the selected .debs (each checked by
 * Packages). The Release's signature is kept, not checked here: apt checks it on every node with
 * Release.key.
 */
public final class AptRepository {
  static final List<String> PACKAGES = List.of("kubelet", "kubeadm", "kubectl");
  private static final List<String> SIGNATURES = List.of("InRelease", "Release.gpg", "Release.key");
  private static final Pattern INDEX = Pattern.compile("Packages(\\.(gz|bz2|xz|lzma|zst))?");

  private final HttpFetch http;
  private final Staging staging;

  public AptRepository(HttpFetch http, Staging staging) {
    this.http = http;
    this.staging = staging;
  }

  /** What was taken from one repository. */
  public record Collected(String repository, List<BundlePackage> packages, List<String> fromOs) {}

  public Collected collect(
      String base, String minor, String version, List<BundleEntry> entries, List<String> notes) {
    String path = "/core:/stable:/v" + minor + "/deb/";
    String url = ReleaseFiles.trimSlash(base) + path;
    String prefix = EntryNames.APT + path;
    byte[] release = http.bytes(URI.create(url + "Release"), Map.of());
    entries.add(staging.write(prefix + "Release", release, url + "Release"));
    AptRelease sums = AptRelease.parse(text(release), url + "Release");
    for (String name : SIGNATURES) {
      Optional<byte[]> body = http.optionalBytes(URI.create(url + name), Map.of());
      body.ifPresent(b -> entries.add(staging.write(prefix + name, b, url + name)));
      if (body.isEmpty()) {
        notes.add(url + " has no " + name + ": the bundle has none either");
      }
      if (name.equals("InRelease") && body.isPresent()) {
        requireSame(sums, AptRelease.parse(text(body.get()), url + name), url);
      }
    }
    String packages = indexes(url, prefix, sums, entries);
    DebSelection selection = new DebSelection(DebPackage.parseAll(packages, url + "Packages"));
    PACKAGES.forEach(p -> selection.add(p, version, url));
    List<BundlePackage> taken = new ArrayList<>();
    for (DebPackage p : selection.packages()) {
      String entry = EntryNames.require(prefix + p.relativePath(), url + "Packages");
      URI from = URI.create(url + p.relativePath());
      entries.add(
          staging.fetch(
              entry, p.sha256(), p.size(), from.toString(), () -> http.get(from, Map.of())));
      taken.add(new BundlePackage(p.name(), p.version().toString(), prefix, entry));
    }
    return new Collected(prefix, taken, selection.fromOs());
  }

  /** Fetches every Packages index the Release lists; returns the text of one of them. */
  private String indexes(String url, String prefix, AptRelease sums, List<BundleEntry> entries) {
    List<String> names =
        sums.sha256().keySet().stream().filter(n -> INDEX.matcher(n).matches()).toList();
    if (names.isEmpty()) {
      throw new BundleException(url + "Release lists no Packages index");
    }
    for (String name : names) {
      AptRelease.Sum sum = sums.sha256().get(name);
      URI from = URI.create(url + name);
      entries.add(
          staging.fetch(
              prefix + name,
              sum.sha256(),
              sum.size(),
              from.toString(),
              () -> http.get(from, Map.of())));
    }
    for (String name : List.of("Packages", "Packages.gz", "Packages.bz2")) {
      if (names.contains(name)) {
        return decompressed(name, staging.path(prefix + name));
      }
    }
    throw new BundleException(
        url
            + ": kubeha reads Packages, Packages.gz or Packages.bz2; the"
            + " Release lists only "
            + names);
  }

  private static String decompressed(String name, java.nio.file.Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            name.endsWith(".gz")
                ? new GZIPInputStream(raw)
                : name.endsWith(".bz2") ? new BZip2CompressorInputStream(raw) : raw) {
      return text(in.readAllBytes());
    } catch (IOException e) {
      throw new BundleException(file + ": cannot read it: " + e.getMessage(), e);
    }
  }

  /** apt reads InRelease first: its index checksums must be the Release's. */
  private static void requireSame(AptRelease release, AptRelease inRelease, String url) {
    release
        .sha256()
        .forEach(
            (name, sum) -> {
              if (INDEX.matcher(name).matches() && !sum.equals(inRelease.sha256().get(name))) {
                throw new BundleException(
                    url + "InRelease and " + url + "Release disagree on " + name + "'s SHA-256");
              }
            });
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
