package io.kubeha.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * SHA-256 values kubeha knows for release files of its default versions, from the checked-in
 * resource checksums.properties (each entry names its public source). Read once from the class
 * path, so it is the same in every process running the same build.
 */
public final class ChecksumTable {
  static final String RESOURCE = "checksums.properties";
  private static final Properties TABLE = load();

  private ChecksumTable() {}

  public static Optional<String> sha256(String fileName) {
    return Optional.ofNullable(TABLE.getProperty(fileName));
  }

  /** One entry of the table with the source its comment names. */
  public record Entry(String fileName, String sha256, String source) {}

  /** Every entry in file order, each with the comment lines above it joined as its source. */
  public static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    StringBuilder comment = new StringBuilder();
    for (String line : text().split("\n")) {
      if (line.startsWith("#")) {
        comment.append(comment.isEmpty() ? "" : " ").append(line.substring(1).trim());
      } else if (line.contains("=")) {
        String[] kv = line.split("=", 2);
        entries.add(new Entry(kv[0].trim(), kv[1].trim(), comment.toString()));
        comment.setLength(0);
      } else if (line.isBlank()) {
        comment.setLength(0);
      }
    }
    return entries;
  }

  private static String text() {
    try (InputStream in = ChecksumTable.class.getResourceAsStream(RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/kubeha/plan/" + RESOURCE, e);
    }
  }

  private static Properties load() {
    Properties table = new Properties();
    try (InputStream in = ChecksumTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource io/kubeha/plan/" + RESOURCE);
      }
      table.load(in);
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read io/kubeha/plan/" + RESOURCE, e);
    }
  }
}
