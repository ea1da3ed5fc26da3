package io.kubeha.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
