package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An explicit Temporal address that does not answer (after a restart's grace) is bad input, named
 * in one line.
 */
class AddressTest {

  @Test
  void anUnreachableAddressIsBadInputNamingIt() throws Exception {
    String address = "127.0.0.1:" + TestTemporal.freePort();
    Cli list = Cli.run("list", "--address", address);
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.out());
    java.util.List<String> lines = list.err().strip().lines().toList();
    assertEquals(2, lines.size(), list.err());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "kubeha: Temporal at " + address + " does not answer yet; waiting up to 25 s"),
        list.err());
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "kubeha: cannot reach Temporal at " + address + " (from --address) within 30 s"),
        list.err());
  }

  @Test
  void aMissingKubeconfigIsBadInput() {
    Cli kubeconfig = Cli.run("kubeconfig", "never-brought-up-" + System.nanoTime());
    assertEquals(ExitCodes.BAD_INPUT, kubeconfig.exitCode());
    assertTrue(
        kubeconfig.err().contains("no admin.conf for cluster never-brought-up-"), kubeconfig.err());
  }
}
