package io.kubeha.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a bundle: its index (checked against its SHA-256), or every entry against the index. */
public final class BundleReader {
  private BundleReader() {}

  /** What verify found: every problem (each naming its entry), and what was checked. */
  public record Report(BundleIndex index, List<String> problems, int checked, long bytes) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static BundleIndex index(Path bundle) {
    try (TarArchiveInputStream tar = open(bundle)) {
      return readIndex(tar, bundle);
    } catch (IOException e) {
      throw damaged(bundle, "its index", e);
    }
  }

  public static Report verify(Path bundle) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    long bytes = 0;
    String last = EntryNames.INDEX_SHA256;
    try (TarArchiveInputStream tar = open(bundle)) {
      BundleIndex index = readIndex(tar, bundle);
      Map<String, BundleEntry> expected = new LinkedHashMap<>();
      index.entries().forEach(e -> expected.put(e.name(), e));
      Set<String> seen = new HashSet<>();
      TarArchiveEntry t;
      while ((t = tar.getNextEntry()) != null) {
        last = t.getName();
        BundleEntry e = expected.get(t.getName());
        if (e == null || !seen.add(t.getName())) {
          problems.add(t.getName() + ": " + (e == null ? "not in the index" : "a second copy"));
          continue;
        }
        MessageDigest digest = Staging.sha256Digest();
        long n = new DigestInputStream(tar, digest).transferTo(OutputStream.nullOutputStream());
        String sha = HexFormat.of().formatHex(digest.digest());
        if (n != e.size() || !sha.equals(e.sha256())) {
          problems.add(
              e.name()
                  + ": corrupt: "
                  + n
                  + " bytes with SHA-256 "
                  + sha
                  + ", the index says "
                  + e.size()
                  + " bytes with SHA-256 "
                  + e.sha256());
        }
        checked++;
        bytes += n;
      }
      expected.keySet().stream()
          .filter(name -> !seen.contains(name))
          .forEach(name -> problems.add(name + ": missing (the index lists it)"));
      return new Report(index, problems, checked, bytes);
    } catch (IOException e) {
      problems.add("the archive is damaged in or after entry " + last + ": " + e.getMessage());
      return new Report(null, problems, checked, bytes);
    } catch (BundleException e) {
      problems.add(e.getMessage());
      return new Report(null, problems, checked, bytes);
    }
  }

  private static BundleIndex readIndex(TarArchiveInputStream tar, Path bundle) throws IOException {
    byte[] json = entry(tar, EntryNames.INDEX, bundle);
    String sum = new String(entry(tar, EntryNames.INDEX_SHA256, bundle), StandardCharsets.UTF_8);
    String actual = Staging.hex(json);
    if (!sum.startsWith(actual + "  ")) {
      throw new BundleException(
          bundle
              + ": "
              + EntryNames.INDEX
              + " is corrupt: its SHA-256 is "
              + actual
              + ", "
              + EntryNames.INDEX_SHA256
              + " says "
              + sum.split(" ")[0].strip());
    }
    BundleIndex index = BundleWriter.JSON.readValue(json, BundleIndex.class);
    if (!BundleIndex.FORMAT.equals(index.format())) {
      throw new BundleException(
          bundle + ": format " + index.format() + ", this kubeha reads " + BundleIndex.FORMAT);
    }
    index.entries().forEach(e -> EntryNames.require(e.name(), bundle + "'s index"));
    return index;
  }

  private static byte[] entry(TarArchiveInputStream tar, String name, Path bundle)
      throws IOException {
    TarArchiveEntry e = tar.getNextEntry();
    if (e == null || !e.getName().equals(name) || e.getSize() > HttpFetch.MAX_METADATA_BYTES) {
      throw new BundleException(
          bundle
              + ": not a kubeha bundle (its entry "
              + (name.equals(EntryNames.INDEX) ? "1" : "2")
              + " is not "
              + name
              + ")");
    }
    return tar.readAllBytes();
  }

  private static TarArchiveInputStream open(Path bundle) throws IOException {
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16);
      return new TarArchiveInputStream(in);
    } catch (NoSuchFileException e) {
      throw new BundleException(bundle + ": no such file");
    }
  }

  private static BundleException damaged(Path bundle, String what, IOException e) {
    return new BundleException(bundle + ": cannot read " + what + ": " + e.getMessage(), e);
  }
}
