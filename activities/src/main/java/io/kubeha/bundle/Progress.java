package io.kubeha.bundle;

import java.util.Locale;

/** Where a bundle command reports what it does, one line at a time. */
@FunctionalInterface
public interface Progress {
  void line(String text);

  Progress NONE = text -> {};

  /** 1.2 kB, 35.0 MB, 1.06 GB (decimal units, like curl and apt print). */
  static String size(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%.1f %s", value, units[unit]);
  }
}
