package io.kubeha.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** lab up / down twice in a row leaves nothing behind and each lab answers SSH. */
class LabUpDownTest {
  @Test
  void upAndDownTwice() throws Exception {
    // The inotify limit itself is shared with every container on the kernel (CI of 2026-12-07
    // ran beside a developer's lab and read it changed); InotifyLimitTest checks its restore.
    for (int round = 1; round <= 2; round++) {
      Lab lab = Lab.up(1, 0, 1);
      Path saved = lab.dir().resolve("inotify.saved");
      try {
        assertTrue(Files.readString(lab.inventoryPath()).contains("name: kube-master-1"));
        ExecResult ssh =
            Ssh.run(
                lab.privateKey(), lab.knownHosts(), "kubeha", lab.address("ha-lb-a"), "hostname");
        assertEquals("ha-lb-a", ssh.out(), "round " + round + ": " + ssh.stdout());
      } finally {
        lab.down();
      }
      assertFalse(Files.exists(Path.of("/run/netns/kube-master-1")), "netns left after down");
      assertFalse(Files.exists(Path.of("/sys/class/net/kubeha0")), "bridge left after down");
      assertFalse(Files.readString(Path.of("/proc/mounts")).contains("kubeha-lab"), "mounts left");
      assertFalse(Files.exists(saved), "inotify record left");
    }
  }
}
