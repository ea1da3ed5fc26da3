package io.kubeha.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * kubeha's state on the operator's machine ($KUBEHA_HOME: the dev server's history with every
 * inventory, admin.conf, snapshots, the artifact cache, logs), readable by its owner only.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  private PrivateFiles() {}

  /**
   * dir and every missing parent, each created rwx------. What exists is left as it is: a directory
   * the operator named (a backup dir) may have its mode chosen.
   */
  public static Path directories(Path dir) throws IOException {
    return Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** file created rw------- when missing, else made its owner's only; its parent must exist. */
  public static Path file(Path file) throws IOException {
    if (Files.exists(file)) {
      ownerOnly(file);
      return file;
    }
    return Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  /** file written with text, readable by its owner only (from its creation on). */
  public static Path writeString(Path file, String text) throws IOException {
    return Files.writeString(file(file), text);
  }

  /** A new empty file in dir, rw-------, for writing before an atomic rename into place. */
  public static Path temp(Path dir, String prefix, String suffix) throws IOException {
    return Files.createTempFile(
        dir,
        prefix,
        suffix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  /**
   * Takes the group's and others' permissions from an existing path; its mode before (e.g.
   * rwxr-xr-x) when that changed it.
   */
  public static Optional<String> ownerOnly(Path path) throws IOException {
    Set<PosixFilePermission> was = Files.getPosixFilePermissions(path);
    if (was.stream().noneMatch(OTHERS::contains)) {
      return Optional.empty();
    }
    Set<PosixFilePermission> now = EnumSet.copyOf(was);
    now.removeAll(OTHERS);
    Files.setPosixFilePermissions(path, now);
    return Optional.of(PosixFilePermissions.toString(was));
  }
}
