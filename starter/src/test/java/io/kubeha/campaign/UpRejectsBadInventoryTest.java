package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kubeha up` (the real CLI, in its own JVM) on malformed copies of a live lab's inventory: exit 2
 * naming the field, nothing injected runs, and the hosts' sshd journals show no connection at all
 * during it (a real SSH login afterwards shows up in them, so they would).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpRejectsBadInventoryTest {
  @TempDir Path dir;
  Lab lab;
  List<String> hosts;

  @BeforeAll
  void up() throws Exception {
    lab = Lab.up(1, 1, 2);
    hosts =
        Files.readAllLines(lab.dir().resolve("hosts.tsv")).stream()
            .map(l -> l.split(" ")[0])
            .toList();
  }

  @AfterAll
  void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void malformedInventoriesExitTwoNamingTheFieldWithoutAnySshConnection() throws Exception {
    String good = Files.readString(lab.inventoryPath());
    Path pwned = Path.of("/tmp", "kubeha-pwned-" + UUID.randomUUID());
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("spec.ssh.port", new String[] {"port: 22,", "port: twenty-two,"});
    cases.put(
        "spec.controlPlaneEndpoint.virtualRouterId",
        new String[] {"virtualRouterId: 51", "virtualRouterId: 256"});
    cases.put(
        "spec.hosts[1].name",
        new String[] {"name: kube-worker-1,", "name: \"kube-worker-1;touch " + pwned + "\","});
    cases.put(
        "spec.controlPlaneEndpoint.interface",
        new String[] {"interface: eth0,", "interface: \"eth0$(touch " + pwned + ")\","});
    String version = lab.kubernetesVersion();
    cases.put(
        "spec.kubernetes.version",
        new String[] {
          "version: " + version + ",", "version: \"" + version + "`touch " + pwned + "`\","
        });

    Map<String, Integer> before = sshdJournalLines();
    for (var c : cases.entrySet()) {
      String field = c.getKey();
      assertTrue(good.contains(c.getValue()[0]), "the lab inventory has " + c.getValue()[0]);
      Path bad =
          Files.writeString(
              dir.resolve(field.replaceAll("[^a-z]", "-") + ".yaml"),
              good.replace(c.getValue()[0], c.getValue()[1]));
      Path log = dir.resolve(bad.getFileName() + ".log");
      var up =
          CliProcess.start(
              dir, log, "up", "-f", bad.toString(), "--yes", "--address", "127.0.0.1:1");
      var exit = up.awaitExit(Duration.ofSeconds(60));
      String out = Files.readString(log);
      assertEquals(
          2,
          exit.orElseThrow(() -> new AssertionError("up still runs: " + out)),
          field + ": " + out);
      assertTrue(out.contains(field + ":"), "the output names " + field + ": " + out);
      assertFalse(out.contains("Exception"), "no stack trace: " + out);
    }
    assertFalse(Files.exists(pwned), "an injected command ran: " + pwned + " exists");
    assertEquals(
        before,
        sshdJournalLines(),
        "sshd journal lines per host: no SSH connection during the bad ups");

    String control = hosts.get(0);
    var login =
        new ProcessBuilder(
                "ssh",
                "-i",
                lab.privateKey().toString(),
                "-o",
                "UserKnownHostsFile=" + lab.knownHosts(),
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "BatchMode=yes",
                "kubeha@" + lab.address(control),
                "true")
            .inheritIO()
            .start();
    assertEquals(0, login.waitFor(), "a real SSH login to " + control);
    Waits.until(
        "the control login in " + control + "'s sshd journal",
        Duration.ofSeconds(10),
        100,
        () -> sshdJournalLines().get(control) > before.get(control));
  }

  /**
   * Lines sshd wrote to each host's journal so far (every connection attempt, even a bare TCP one,
   * writes some).
   */
  private Map<String, Integer> sshdJournalLines() {
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (String h : hosts) {
      var r = lab.exec(h, "journalctl", "-u", "ssh", "--no-pager", "-o", "cat", "-q");
      lines.put(h, (int) r.stdout().lines().count());
    }
    return lines;
  }
}
