package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeardownTest {
  private static final String SAVED =
      String.join(
          "\n",
          "*nat",
          ":PREROUTING ACCEPT [0:0]",
          ":KUBE-SERVICES - [0:0]",
          ":FLANNEL-POSTRTG - [0:0]",
          ":CNI-HOSTPORT-DNAT - [0:0]",
          ":HOST-OWN - [0:0]",
          "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES",
          "-A PREROUTING -j HOST-OWN",
          "-A POSTROUTING -m comment --comment \"flanneld masq\" -j FLANNEL-POSTRTG",
          "-A HOST-OWN -p tcp --dport 2222 -j REDIRECT --to-ports 22",
          "COMMIT",
          "");

  /**
   * Runs the reset's network cleanup with stand-in ip, iptables-save and iptables-restore on the
   * PATH: the cluster's chains go, the host's own rules are restored as they were.
   */
  @Test
  void resetRemovesTheClustersRulesAndDevicesAndKeepsTheHostsOwn(@TempDir Path dir)
      throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("saved"), SAVED);
    script(bin, "ip", "echo \"ip $*\" >> " + dir.resolve("calls"));
    script(bin, "iptables-save", "cat " + dir.resolve("saved"));
    script(bin, "iptables-restore", "cat > " + dir.resolve("restored"));
    Processes.Result r =
        Processes.run(
            List.of(
                "env",
                "PATH=" + bin + ":/usr/bin:/bin",
                "sh",
                "-c",
                Teardown.removeNetworkLeftovers() + "true"));
    assertEquals(0, r.exitCode(), r.output());
    assertEquals(
        String.join(
            "\n",
            "*nat",
            ":PREROUTING ACCEPT [0:0]",
            ":HOST-OWN - [0:0]",
            "-A PREROUTING -j HOST-OWN",
            "-A HOST-OWN -p tcp --dport 2222 -j REDIRECT --to-ports 22",
            "COMMIT",
            ""),
        Files.readString(dir.resolve("restored")));
    String calls = Files.readString(dir.resolve("calls"));
    assertTrue(calls.contains("ip link delete flannel.1"), calls);
    assertTrue(calls.contains("ip link delete cni0"), calls);
  }

  /**
   * A process run from a copy of sleep named like containerd's shim: reset's kill ends it, and the
   * step counts as done only once none is left.
   */
  @Test
  void resetEndsTheShimsThatOutliveContainerd(@TempDir Path dir) throws Exception {
    Path shim = dir.resolve("containerd-shim-runc-v2");
    Files.copy(Path.of("/bin/sleep"), shim);
    shim.toFile().setExecutable(true);
    String prefix = dir.resolve("containerd-shim").toString();
    Process orphan = new ProcessBuilder(shim.toString(), "300").start();
    try {
      assertEquals(1, sh(Teardown.noShims(prefix)).exitCode(), "a shim runs: not done");
      assertEquals(0, sh(Teardown.killShims(prefix) + "true").exitCode());
      assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "the shim ended");
      assertEquals(0, sh(Teardown.noShims(prefix)).exitCode(), "none left: done");
    } finally {
      orphan.destroyForcibly();
    }
  }

  private static Processes.Result sh(String command) throws Exception {
    return Processes.run(List.of("sh", "-c", command));
  }

  private static void script(Path bin, String name, String body) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    p.toFile().setExecutable(true);
  }
}
