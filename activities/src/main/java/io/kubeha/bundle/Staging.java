package io.kubeha.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The partial download directory beside the output (FILE.partial): each entry lands at its bundle
 * name once verified, so a run after an interruption fetches only what is missing or wrong.
 */
public final class Staging {
  /** Opens a source's body; the response's status is checked here. */
  @FunctionalInterface
  public interface Source {
    HttpResponse<InputStream> open();
  }

  private final Path dir;
  private final Progress progress;
  private long fetchedBytes;
  private long reusedBytes;
  private int fetched;
  private int reused;
  private final Map<String, BundleEntry> thisRun = new HashMap<>();

  public Staging(Path dir, Progress progress) {
    this.dir = dir;
    this.progress = progress;
  }

  public Path dir() {
    return dir;
  }

  public Path path(String name) {
    return dir.resolve(EntryNames.require(name, "the bundle"));
  }

  /**
   * The entry, fetched from source unless a file with this SHA-256 (and size, when given) is there.
   */
  public BundleEntry fetch(String name, String sha256, long size, String from, Source source) {
    BundleEntry done = thisRun.get(name);
    if (done != null && done.sha256().equals(sha256)) {
      return done; // a blob two images share
    }
    BundleEntry entry = fetchOrReuse(name, sha256, size, from, source);
    thisRun.put(name, entry);
    return entry;
  }

  private BundleEntry fetchOrReuse(
      String name, String sha256, long size, String from, Source source) {
    Path target = path(name);
    if (Files.isRegularFile(target) && sha256.equals(sha256(target))) {
      long have = size(target);
      reused++;
      reusedBytes += have;
      progress.line("have     " + name + " (" + Progress.size(have) + ", verified)");
      return new BundleEntry(name, have, sha256, from);
    }
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      HttpResponse<InputStream> response = source.open();
      HttpFetch.requireOk(response.uri(), response);
      MessageDigest digest = sha256Digest();
      long n;
      try (InputStream in = new DigestInputStream(response.body(), digest);
          OutputStream out = Files.newOutputStream(part)) {
        n = in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(sha256) || (size >= 0 && n != size)) {
        throw new BundleException(
            name
                + ": what "
                + from
                + " served ("
                + n
                + " bytes, SHA-256 "
                + actual
                + ") is not"
                + " what the "
                + expectedOf(name)
                + " says ("
                + (size >= 0 ? size + " bytes, " : "")
                + "SHA-256 "
                + sha256
                + "); nothing was kept");
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fetched++;
      fetchedBytes += n;
      progress.line("fetched  " + name + " (" + Progress.size(n) + ") from " + from);
      return new BundleEntry(name, n, sha256, from);
    } catch (IOException e) {
      throw new BundleException(name + ": fetching " + from + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(part);
    }
  }

  /** An entry whose bytes were read already (metadata that names the others' checksums). */
  public BundleEntry write(String name, byte[] bytes, String from) {
    Path target = path(name);
    String sha256 = hex(bytes);
    try {
      if (!(Files.isRegularFile(target) && sha256.equals(sha256(target)))) {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.write(part, bytes);
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    return new BundleEntry(name, bytes.length, sha256, from);
  }

  public String summary() {
    return "fetched "
        + fetched
        + " entries ("
        + Progress.size(fetchedBytes)
        + "), had "
        + reused
        + " from an earlier run ("
        + Progress.size(reusedBytes)
        + ")";
  }

  public int fetchedCount() {
    return fetched;
  }

  private static String expectedOf(String name) {
    if (name.startsWith(EntryNames.OCI + "/")) {
      return "digest";
    }
    return name.startsWith(EntryNames.APT + "/") ? "repository's index" : "plan";
  }

  static String sha256(Path file) {
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover .part is replaced by the next attempt.
    }
  }
}
