package io.kubeha.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoriesTest {
  @Test
  void createsEveryMissingDirectoryForItsOwnerOnlyAndLeavesTheRest(@TempDir Path root)
      throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path home = root.resolve("state/kubeha");
    PrivateDirectories.create(home.resolve("cache"));
    for (Path made : new Path[] {root.resolve("state"), home, home.resolve("cache")}) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
  }
}
