package io.kubeha.inventory;

import java.util.regex.Pattern;

/** Small checks every rule uses; each adds a problem and says whether the value passed. */
final class Checks {
  private Checks() {}

  static boolean required(Problems p, String path, Object value, String fix) {
    if (value == null) {
      p.add(path, "is required", fix);
      return false;
    }
    return true;
  }

  /** A present value must match; an absent one passes (required() is a separate question). */
  static boolean matches(
      Problems p, String path, String value, Pattern pattern, String what, String fix) {
    if (value != null && !Syntax.matches(pattern, value)) {
      p.add(path, quote(value) + " is not " + what, fix);
      return false;
    }
    return true;
  }

  static boolean inRange(Problems p, String path, Integer value, int min, int max, String fix) {
    if (value != null && (value < min || value > max)) {
      p.add(path, value + " is out of range " + min + "-" + max, fix);
      return false;
    }
    return true;
  }

  /** The value in double quotes with control characters escaped, safe to print on a terminal. */
  static String quote(String value) {
    return '"' + escape(value) + '"';
  }

  /**
   * Control characters as \xNN, so text from the file cannot move the cursor or retitle a terminal.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
