package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubehaHomeTest {
  @Test
  void aNewHomeIsCreatedForItsOwnerOnlyWithNothingToSay(@TempDir Path root) throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    StringWriter err = new StringWriter();
    Path home = KubehaHome.create(root.resolve(".local/state/kubeha"), new PrintWriter(err));
    assertEquals("rwx------", mode(home));
    assertEquals("rwx------", mode(root.resolve(".local")), "a missing parent too");
    assertEquals("", err.toString());
  }

  @Test
  void anExistingWiderHomeIsTightenedAndSaidOnce(@TempDir Path root) throws Exception {
    Path home = Files.createDirectory(root.resolve("kubeha"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path inside = Files.writeString(home.resolve("worker.pid"), "1\n");
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    boolean asOther = OtherUser.available();
    if (asOther) {
      assertTrue(OtherUser.canRead(inside), "before: another user reads what is inside");
    }
    StringWriter err = new StringWriter();
    KubehaHome.create(home, new PrintWriter(err));
    KubehaHome.create(home, new PrintWriter(err));
    assertEquals("rwx------", mode(home));
    assertEquals(
        "kubeha: "
            + home
            + " was rwxr-xr-x; made it rwx------ (it holds admin.conf, snapshots and the dev"
            + " server's history)\n",
        err.toString());
    if (asOther) {
      assertFalse(OtherUser.canRead(inside), "after: its own mode unchanged, it is unreachable");
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
