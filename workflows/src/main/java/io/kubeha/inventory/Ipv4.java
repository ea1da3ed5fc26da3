package io.kubeha.inventory;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Strict IPv4 literals as unsigned 32-bit values: four decimal octets, no leading zeros. */
final class Ipv4 {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

  private Ipv4() {}

  static OptionalLong parse(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    var m = DOTTED_QUAD.matcher(text);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return OptionalLong.empty();
      }
      value = (value << 8) | octet;
    }
    return OptionalLong.of(value);
  }

  static boolean isValid(String text) {
    return parse(text).isPresent();
  }

  static String format(long value) {
    return ((value >> 24) & 255)
        + "."
        + ((value >> 16) & 255)
        + "."
        + ((value >> 8) & 255)
        + "."
        + (value & 255);
  }

  /**
   * Why this address cannot be a host's (unspecified, loopback, multicast...), or null when it can.
   */
  static String unusableReason(long value) {
    long first = value >> 24;
    if (first == 0) {
      return "is in 0.0.0.0/8 (this network)";
    }
    if (first == 127) {
      return "is a loopback address";
    }
    if (first >= 224 && first <= 239) {
      return "is a multicast address";
    }
    if (first >= 240) {
      return "is reserved or broadcast";
    }
    return null;
  }
}
