package io.kubeha.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small valid inventory (1 master, 1 worker, 2 LBs) on its own 198.18.N.0/24, with
 * readable empty SSH files.
 */
final class TestInventory {
  private TestInventory() {}

  /** The address prefix of the cluster's hosts, for QuickActivities.hold. */
  static String prefix(int net) {
    return "198.18." + net + ".";
  }

  static Path write(Path dir, String cluster, int net) {
    try {
      Path key = Files.writeString(dir.resolve("id_ed25519"), "");
      Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
      String p = prefix(net);
      String yaml =
          """
          apiVersion: kubeha/v1alpha1
          kind: Cluster
          metadata: {name: %s}
          spec:
            ssh: {user: root, port: 22, keyPath: %s, knownHosts: %s}
            hosts:
              - {name: m1, address: %s11, roles: [control-plane]}
              - {name: w1, address: %s21, roles: [worker]}
              - {name: lb-a, address: %s31, roles: [load-balancer, ntp-server]}
              - {name: lb-b, address: %s32, roles: [load-balancer]}
            controlPlaneEndpoint: {vip: %s250, port: 16443, interface: eth0, virtualRouterId: 51}
            ntp: {upstream: [198.18.0.1], allow: [%s0/24]}
          """
              .formatted(cluster, key, knownHosts, p, p, p, p, p, p);
      return Files.writeString(dir.resolve(cluster + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
