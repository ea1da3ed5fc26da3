package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @Test
  void createsEveryMissingDirectoryForItsOwnerOnlyAndLeavesTheRest(@TempDir Path root)
      throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path home = root.resolve("state/kubeha");
    PrivateFiles.directories(home.resolve("cache"));
    for (Path made : new Path[] {root.resolve("state"), home, home.resolve("cache")}) {
      assertEquals("rwx------", mode(made));
    }
    assertEquals("rwxr-xr-x", mode(root));
  }

  @Test
  void filesAreCreatedForTheirOwnerOnlyAndWiderOnesAreTightened(@TempDir Path dir)
      throws Exception {
    assertEquals("rw-------", mode(PrivateFiles.writeString(dir.resolve("new.pid"), "1\n")));
    assertEquals("rw-------", mode(PrivateFiles.temp(dir, ".x", ".part")));

    Path old = Files.writeString(dir.resolve("old.log"), "kept\n");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    PrivateFiles.file(old);
    assertEquals("rw-------", mode(old));
    assertEquals("kept\n", Files.readString(old), "an existing file keeps its content");

    Path wide = Files.createDirectory(dir.resolve("wide"));
    Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertEquals(Optional.of("rwxrwxr-x"), PrivateFiles.ownerOnly(wide));
    assertEquals("rwx------", mode(wide));
    assertEquals(Optional.empty(), PrivateFiles.ownerOnly(wide), "already its owner's only");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
