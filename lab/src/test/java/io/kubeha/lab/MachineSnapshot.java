package io.kubeha.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the lab must never change on this machine: /etc/hosts, /etc/fstab and the clock. */
record MachineSnapshot(String hosts, String fstab, long clockOffsetMillis) {

  /** Wall clock minus monotonic clock: moves only if someone sets the clock. */
  static long clockOffset() {
    return System.currentTimeMillis() - System.nanoTime() / 1_000_000;
  }

  static MachineSnapshot take() {
    return new MachineSnapshot(read("/etc/hosts"), read("/etc/fstab"), clockOffset());
  }

  private static String read(String path) {
    try {
      return Files.exists(Path.of(path)) ? Files.readString(Path.of(path)) : "<absent>";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
