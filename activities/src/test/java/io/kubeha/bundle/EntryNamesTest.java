package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A bundle's names stay below the directory it is unpacked into. */
class EntryNamesTest {
  @Test
  void plainRelativePathsOnly() {
    assertTrue(EntryNames.isSafe("apt/core:/stable:/v1.37/deb/amd64/kubeadm_1.37.2-1.1_amd64.deb"));
    assertTrue(EntryNames.isSafe("files/opencontainers/runc/releases/download/v1.3.4/runc.amd64"));
    assertTrue(EntryNames.isSafe("apt/x/busybox-static_1%3a1.35.0-4+deb12u1_amd64.deb"));
    for (String bad :
        new String[] {
          "../etc/passwd", "/etc/passwd", "a//b", "a/./b", "a/../b", "a/", "", "a b", "a\nb"
        }) {
      assertFalse(EntryNames.isSafe(bad), bad);
    }
  }
}
