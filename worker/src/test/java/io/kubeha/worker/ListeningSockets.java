package io.kubeha.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from /proc, as "127.0.0.1:7233" or "[::]:8233". */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  static List<String> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // an fd closed while listing
        }
      }
    }
    List<String> listening = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table))) {
        String[] f = line.strip().split("\\s+");
        if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
          listening.add(address(f[1]));
        }
      }
    }
    return listening;
  }

  /** /proc's hex "0100007F:1CA1" (IPv4, little-endian words) as 127.0.0.1:7329. */
  private static String address(String hex) {
    String[] hostPort = hex.split(":");
    int port = Integer.parseInt(hostPort[1], 16);
    String host = hostPort[0];
    if (host.length() == 8) {
      return ipv4(host) + ":" + port;
    }
    if (host.equals("0000000000000000FFFF0000" + host.substring(24))) {
      return ipv4(host.substring(24)) + ":" + port; // an IPv4-mapped address
    }
    return switch (host) {
      case "00000000000000000000000000000000" -> "[::]:" + port;
      case "00000000000000000000000001000000" -> "[::1]:" + port;
      default -> "[" + host + "]:" + port;
    };
  }

  private static String ipv4(String le) {
    return Integer.parseInt(le.substring(6, 8), 16)
        + "."
        + Integer.parseInt(le.substring(4, 6), 16)
        + "."
        + Integer.parseInt(le.substring(2, 4), 16)
        + "."
        + Integer.parseInt(le.substring(0, 2), 16);
  }
}
