package io.kubeha.activities;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One DNS question for an A record, sent over UDP by bash on a host (its /dev/udp), whose answer
 * comes back as od's hex: a host needs no dig or nslookup, and no name reaches the shell, since
 * every byte of the question is printf's \xHH. printf writes the bytes in pieces (at each NUL),
 * each a datagram of its own on a UDP socket (CoreDNS answered FORMERR): dd gathers them into one
 * write.
 */
final class DnsQuery {
  private static final int ID = 0x4b48; // "KH"

  private DnsQuery() {}

  /** A shell command asking server:53 for name's A record and printing the answer's bytes. */
  static String command(String server, String name) {
    if (!server.matches("[0-9.]+")) {
      throw new IllegalArgumentException("not an IPv4 address: " + server);
    }
    StringBuilder printf = new StringBuilder();
    for (byte b : question(name)) {
      printf.append(String.format("\\x%02x", b & 0xff));
    }
    String script =
        "exec 3<>/dev/udp/"
            + server
            + "/53 && printf '"
            + printf
            + "' | dd bs=4096 count=1 iflag=fullblock status=none >&3"
            + " && timeout 3 dd bs=2048 count=1 <&3 2>/dev/null | od -An -v -tx1";
    return "bash -c " + io.kubeha.ssh.ShellQuote.quote(script);
  }

  static byte[] question(String name) {
    var out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) (ID >> 8), (byte) ID, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length == 0 || bytes.length > 63) {
        throw new IllegalArgumentException("not a DNS name: " + name);
      }
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.writeBytes(new byte[] {0, 0, 1, 0, 1}); // root, type A, class IN
    return out.toByteArray();
  }

  /** True when od's output is an answer to our question with no error and at least one record. */
  static boolean answered(String odOutput) {
    String hex = odOutput.replaceAll("\\s+", "");
    if (hex.length() < 24 || hex.length() % 2 != 0) {
      return false;
    }
    byte[] b = HexFormat.of().parseHex(hex);
    boolean ours = ((b[0] & 0xff) << 8 | (b[1] & 0xff)) == ID;
    boolean response = (b[2] & 0x80) != 0;
    int rcode = b[3] & 0x0f;
    int answers = (b[6] & 0xff) << 8 | (b[7] & 0xff);
    return ours && response && rcode == 0 && answers > 0;
  }

  /**
   * The addresses of the A records in an answer to our question (od's output), in order; none for
   * anything else, or for an answer cut short.
   */
  static java.util.List<String> addresses(String odOutput) {
    if (!answered(odOutput)) {
      return java.util.List.of();
    }
    byte[] b = HexFormat.of().parseHex(odOutput.replaceAll("\\s+", ""));
    java.util.List<String> found = new java.util.ArrayList<>();
    try {
      int at = 12;
      for (int q = 0; q < u16(b, 4); q++) {
        at = afterName(b, at) + 4; // type, class
      }
      for (int a = 0; a < u16(b, 6); a++) {
        at = afterName(b, at);
        int type = u16(b, at);
        int length = u16(b, at + 8); // after type, class, TTL
        at += 10;
        if (type == 1 && length == 4) {
          found.add(
              (b[at] & 0xff)
                  + "."
                  + (b[at + 1] & 0xff)
                  + "."
                  + (b[at + 2] & 0xff)
                  + "."
                  + (b[at + 3] & 0xff));
        }
        at += length;
      }
    } catch (ArrayIndexOutOfBoundsException cutShort) {
      return java.util.List.of();
    }
    return found;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  /** Where the name at offset at ends: its labels then a zero, or a two-byte pointer. */
  private static int afterName(byte[] b, int at) {
    while (true) {
      int length = b[at] & 0xff;
      if (length == 0) {
        return at + 1;
      }
      if ((length & 0xc0) == 0xc0) {
        return at + 2;
      }
      at += 1 + length;
    }
  }
}
