package io.kubeha.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes the bundle: one POSIX tar, the index first (so a reader knows every entry's SHA-256 before
 * its bytes, and can check while it streams), its SHA-256 second, then each entry the index lists,
 * in its order. Owners, modes and times are fixed, so the same contents make the same file.
 */
public final class BundleWriter {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MODE = 0644;

  private BundleWriter() {}

  /** The SHA-256 of the whole file, written through FILE.part and moved into place. */
  public static String write(Path staging, BundleIndex index, Path output) throws IOException {
    Path part = output.resolveSibling(output.getFileName() + ".part");
    MessageDigest whole = Staging.sha256Digest();
    try (OutputStream file = Files.newOutputStream(part);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(
                new BufferedOutputStream(new DigestOutputStream(file, whole), 1 << 16))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      byte[] json = (JSON.writeValueAsString(index) + "\n").getBytes(StandardCharsets.UTF_8);
      bytes(tar, EntryNames.INDEX, json);
      String sum = Staging.hex(json) + "  " + EntryNames.INDEX + "\n";
      bytes(tar, EntryNames.INDEX_SHA256, sum.getBytes(StandardCharsets.UTF_8));
      for (BundleEntry e : index.entries()) {
        file(tar, staging, e);
      }
      tar.finish();
    }
    Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return HexFormat.of().formatHex(whole.digest());
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    tar.putArchiveEntry(entry(name, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** Copies a staged entry, hashing it again: what is written is what the index says. */
  private static void file(TarArchiveOutputStream tar, Path staging, BundleEntry e)
      throws IOException {
    Path source = staging.resolve(EntryNames.require(e.name(), "the index"));
    if (Files.size(source) != e.size()) {
      throw new BundleException(e.name() + ": changed in " + staging + " since it was verified");
    }
    tar.putArchiveEntry(entry(e.name(), e.size()));
    MessageDigest digest = Staging.sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
    if (!HexFormat.of().formatHex(digest.digest()).equals(e.sha256())) {
      throw new BundleException(e.name() + ": changed in " + staging + " since it was verified");
    }
  }

  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(size);
    entry.setMode(MODE);
    entry.setLastModifiedTime(FileTime.fromMillis(0));
    return entry;
  }
}
