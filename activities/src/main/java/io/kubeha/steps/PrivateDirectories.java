package io.kubeha.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories of kubeha's state on the operator's machine ($KUBEHA_HOME: the dev server's history
 * with every inventory, admin.conf, snapshots, the artifact cache), made readable by their owner
 * only. What exists already is left as it is: an operator may have chosen its mode.
 */
public final class PrivateDirectories {
  private PrivateDirectories() {}

  /** dir and every missing parent, each created rwx------. */
  public static Path create(Path dir) throws IOException {
    return Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }
}
