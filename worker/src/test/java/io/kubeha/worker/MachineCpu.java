package io.kubeha.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole machine's CPU use from /proc/stat: on 2 cores shared by every lab host, the bound on a
 * bring-up.
 */
final class MachineCpu {
  private MachineCpu() {}

  /** {busy, total} jiffies over all CPUs now. */
  static long[] sample() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long[] v = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
      long idle = v[3] + (v.length > 4 ? v[4] : 0); // idle + iowait
      long total =
          Arrays.stream(v, 0, Math.min(v.length, 8)).sum(); // guest time is inside user already
      return new long[] {total - idle, total};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Busy share of all CPUs between two samples, 0..1. */
  static double busyFraction(long[] before, long[] after) {
    long total = after[1] - before[1];
    return total == 0 ? 0 : (double) (after[0] - before[0]) / total;
  }
}
