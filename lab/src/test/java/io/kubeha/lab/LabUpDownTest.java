package io.kubeha.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** lab up / down twice in a row leaves nothing behind and each lab answers SSH. */
class LabUpDownTest {
  private static final Path INOTIFY = Path.of("/proc/sys/fs/inotify/max_user_instances");
  private static final int RAISED = 8192; // lab/lib/common.sh INOTIFY_INSTANCES

  @Test
  void upAndDownTwice() throws Exception {
    String inotify = Files.readString(INOTIFY).strip();
    // At 8192 another lab on this kernel holds it raised (CI of 2026-12-04 failed with "expected:
    // <8> but was: <1>" while a developer's lab ran); then only the lab's own record is checked.
    boolean ours = Integer.parseInt(inotify) < RAISED;
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
      if (ours) {
        assertEquals(inotify, Files.readString(INOTIFY).strip(), "inotify instances not restored");
      }
    }
  }
}
