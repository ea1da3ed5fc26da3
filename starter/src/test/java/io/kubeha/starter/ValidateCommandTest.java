package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  static final String RUNBOOK = Path.of("..", "examples", "runbook.yaml").toString();

  @TempDir Path dir;

  @Test
  void runbookIsValidWithoutFileChecks() {
    Cli r = Cli.run("validate", "-f", RUNBOOK, "--skip-ssh-files");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertEquals(
        "OK runbook: 8 hosts (3 control-plane, 3 worker, 2 load-balancer, 1 ntp-server), endpoint 192.168.2.100:16443,"
            + " NTP server HA-LB-A\n",
        r.out());
  }

  @Test
  void readableSshFilesPass() throws IOException {
    Path inventory = inventoryWithSshFiles(true, true);
    Cli r = Cli.run("validate", "-f", inventory.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
  }

  @Test
  void missingSshFilesAreProblemsAtTheFieldThatNamedThem() throws IOException {
    Path inventory = inventoryWithSshFiles(false, true);
    Files.writeString(
        inventory,
        Files.readString(inventory)
            .replace(
                "192.168.2.21, roles: [worker]}",
                "192.168.2.21, roles: [worker], ssh: {knownHosts: "
                    + dir.resolve("other_known_hosts")
                    + "}}"));
    Cli r = Cli.run("validate", "-f", inventory.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r::toString);
    assertTrue(
        lines
            .get(0)
            .startsWith("spec.ssh.keyPath: " + dir.resolve("id_ed25519") + " does not exist — "),
        lines.get(0));
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "spec.hosts[3].ssh.knownHosts: "
                    + dir.resolve("other_known_hosts")
                    + " does not exist — "),
        lines.get(1));
    assertEquals(inventory + ": 2 problems", lines.get(2));
  }

  @Test
  void everyProblemIsPrintedAndTheExitCodeIsTwo() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(Path.of(RUNBOOK))
            .replace("192.168.2.22", "192.168.2.21")
            .replace("virtualRouterId: 51", "virtualRouterId: 300")
            .replace("kind: Cluster", "kind: Cluster\ncolour: blue"));
    Cli r = Cli.run("validate", "-f", bad.toString(), "--skip-ssh-files");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals(
        List.of(
            "colour: unknown field — remove it; known fields here: apiVersion, kind, metadata, spec",
            "spec.hosts[4].address: 192.168.2.21 is used twice — use a unique IPv4 address; kube-worker-1 already has 192.168.2.21",
            "spec.controlPlaneEndpoint.virtualRouterId: 300 is out of range 1-255 — use a VRRP router id unused on that network, e.g. 51",
            bad + ": 3 problems"),
        r.out().lines().toList());
  }

  @Test
  void jsonOutputCarriesTheProblems() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, Files.readString(Path.of(RUNBOOK)).replace("port: 16443", "port: 70000"));
    Cli r = Cli.run("validate", "-f", bad.toString(), "--skip-ssh-files", "--output", "json");
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    JsonNode report = Json.MAPPER.readTree(r.out());
    assertFalse(report.get("valid").booleanValue());
    assertEquals(
        "spec.controlPlaneEndpoint.port", report.get("problems").get(0).get("path").textValue());
    assertTrue(report.get("problems").get(0).get("fix").textValue().contains("16443"));

    JsonNode ok =
        Json.MAPPER.readTree(
            Cli.run("validate", "-f", RUNBOOK, "--skip-ssh-files", "-o", "json").out());
    assertTrue(ok.get("valid").booleanValue());
    assertEquals(3, ok.get("roles").get("control-plane").intValue());
  }

  @Test
  void yamlSyntaxErrorIsOneLineWithTheLineNumber() throws IOException {
    Path bad = dir.resolve("broken.yaml");
    Files.writeString(bad, "apiVersion: kubeha/v1alpha1\nkind: Cluster\nspec:\n  hosts: [\n");
    Cli r = Cli.run("validate", "-f", bad.toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertTrue(r.out().startsWith(bad + ":5:") || r.out().startsWith(bad + ":4:"), r.out());
    assertFalse(r.out().contains("Exception"), r.out());
  }

  @Test
  void missingFileIsBadInput() {
    Cli r = Cli.run("validate", "-f", dir.resolve("nope.yaml").toString());
    assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
    assertEquals("kubeha: " + dir.resolve("nope.yaml") + ": no such file\n", r.err());
  }

  @Test
  void helpVersionAndUsageErrors() {
    assertEquals(ExitCodes.OK, Cli.run("validate", "--help").exitCode());
    Cli version = Cli.run("--version");
    assertEquals(ExitCodes.OK, version.exitCode());
    assertTrue(version.out().startsWith("kubeha "), version.out());
    assertEquals(ExitCodes.BAD_INPUT, Cli.run().exitCode());
    assertEquals(ExitCodes.BAD_INPUT, Cli.run("validate").exitCode(), "-f is required");
    assertEquals(ExitCodes.BAD_INPUT, Cli.run("frobnicate").exitCode());
  }

  /**
   * A copy of the runbook whose SSH paths point into the temp dir, with the files present or not.
   */
  private Path inventoryWithSshFiles(boolean key, boolean knownHosts) throws IOException {
    if (key) {
      Files.writeString(dir.resolve("id_ed25519"), "not really a key\n");
    }
    if (knownHosts) {
      Files.writeString(dir.resolve("known_hosts"), "");
    }
    Path inventory = dir.resolve("inventory.yaml");
    Files.writeString(
        inventory,
        Files.readString(Path.of(RUNBOOK))
            .replace("keyPath: ~/.ssh/id_ed25519", "keyPath: " + dir.resolve("id_ed25519"))
            .replace(
                "knownHosts: ~/.ssh/known_hosts", "knownHosts: " + dir.resolve("known_hosts")));
    return inventory;
  }
}
