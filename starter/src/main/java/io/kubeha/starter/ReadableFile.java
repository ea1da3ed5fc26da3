package io.kubeha.starter;

import io.kubeha.inventory.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a path an inventory field names is a readable file on this machine. */
final class ReadableFile {
  private ReadableFile() {}

  /** The problem with the file at value, for field, with fix for a missing or odd file; or none. */
  static Optional<Problem> problem(String field, String value, String fix) {
    Path path = Path.of(value);
    if (!Files.exists(path)) {
      return Optional.of(new Problem(field, value + " does not exist", fix));
    }
    if (!Files.isRegularFile(path)) {
      return Optional.of(new Problem(field, value + " is not a regular file", fix));
    }
    if (!Files.isReadable(path)) {
      return Optional.of(
          new Problem(
              field,
              value + " is not readable by this user",
              "make it readable (chmod 600, owned by you)"));
    }
    return Optional.empty();
  }
}
