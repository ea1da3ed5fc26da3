package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.Plan;
import io.kubeha.plan.RegistryCredentials;
import io.kubeha.plan.WorkerFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate and plan with registry mirrors: the files are checked where the field names them, and
 * neither the plan (text, JSON, Ansible) nor a problem ever shows what the credentials file holds.
 */
class RegistryMirrorsCliTest {
  private static final String SECRET = "Canary-S3cret-4b9d";
  private static final String CA =
      "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

  @TempDir Path dir;

  private Path inventory(String mirrors) throws IOException {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(
        file,
        Files.readString(Path.of(ValidateCommandTest.RUNBOOK))
            .replace("    registryMirrors: []", "    registryMirrors: " + mirrors));
    return file;
  }

  private Path withCredentials() throws IOException {
    Files.writeString(dir.resolve("mirror.auth"), "robot:" + SECRET + "\n");
    Files.writeString(dir.resolve("ca.pem"), CA);
    return inventory(
        "[{registry: registry.k8s.io, endpoints: [https://mirror.example:5000], caFile: "
            + dir.resolve("ca.pem")
            + ", credentialsFile: "
            + dir.resolve("mirror.auth")
            + "}, {registry: docker.io, endpoints: [http://198.18.0.1:5000], insecure: true}]");
  }

  private static void assertNoSecret(String output) {
    String basic =
        Base64.getEncoder().encodeToString(("robot:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertFalse(output.contains(SECRET), "the secret is in the output");
    assertFalse(output.contains(basic), "the encoded secret is in the output");
  }

  @Test
  void thePlanAsJsonHasThePlaceholderAndThePathNeverTheSecret() throws IOException {
    Cli r = Cli.run("plan", "-f", withCredentials().toString(), "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertNoSecret(r.out());
    Plan plan = Json.MAPPER.readValue(r.out(), Plan.class);
    WorkerFile hosts =
        plan.hosts().get(0).steps().stream()
            .flatMap(s -> s.workerFiles().stream())
            .filter(f -> f.path().endsWith("/hosts.toml"))
            .findFirst()
            .orElseThrow();
    assertEquals("/etc/containerd/certs.d/registry.k8s.io/hosts.toml", hosts.path());
    assertEquals(dir.resolve("mirror.auth").toString(), hosts.source());
    assertTrue(
        hosts.template().contains("Authorization = \"" + RegistryCredentials.PLACEHOLDER + "\""),
        hosts.template());
    assertFalse(r.out().contains("MIIBfake"), "the CA is read when applied, not planned");
  }

  @Test
  void theTextPlanShowsTheFilesWithThePlaceholderNeverTheSecret() throws IOException {
    Cli r = Cli.run("plan", "-f", withCredentials().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    assertNoSecret(r.out());
    assertTrue(
        r.out()
            .contains(
                "file /etc/containerd/certs.d/registry.k8s.io/hosts.toml  0600 root:root  completed"
                    + " on the worker from "
                    + dir.resolve("mirror.auth")),
        r.out());
    assertTrue(r.out().contains("| [host.\"https://mirror.example:5000\"]"), r.out());
    assertTrue(
        r.out().contains("|     Authorization = \"" + RegistryCredentials.PLACEHOLDER + "\""),
        r.out());
    assertTrue(
        r.out().contains("file /etc/containerd/certs.d/docker.io/hosts.toml  0644"), r.out());
  }

  @Test
  void theAnsibleExportReadsTheCredentialsOnItsControllerWithoutLogging() throws IOException {
    Path out = dir.resolve("ansible");
    Cli r =
        Cli.run(
            "plan",
            "-f",
            withCredentials().toString(),
            "--format",
            "ansible",
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r::toString);
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(f));
      }
    }
    assertNoSecret(all.toString());
    assertTrue(all.toString().contains("lookup('ansible.builtin.file'"), "read on the controller");
    assertTrue(all.toString().contains("no_log: true"));
  }

  @Test
  void validateChecksTheFilesAtTheirFieldsWithoutQuotingThem() throws IOException {
    Path inventory = withCredentials();
    Files.writeString(dir.resolve("mirror.auth"), "robot-" + SECRET + "\n"); // no colon
    Files.delete(dir.resolve("ca.pem"));
    Cli r = Cli.run("validate", "-f", inventory.toString(), "--skip-ssh-files");
    assertEquals(ExitCodes.OK, r.exitCode(), "--skip-ssh-files skips every local file: " + r);

    // The SSH files exist here, so only the mirror's two files are problems.
    Files.writeString(dir.resolve("id"), "key");
    Files.writeString(dir.resolve("known_hosts"), "");
    Files.writeString(
        inventory,
        Files.readString(inventory)
            .replace("keyPath: ~/.ssh/id_ed25519", "keyPath: " + dir.resolve("id"))
            .replace(
                "knownHosts: ~/.ssh/known_hosts", "knownHosts: " + dir.resolve("known_hosts")));
    Cli bad = Cli.run("validate", "-f", inventory.toString());
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad::toString);
    assertNoSecret(bad.out() + bad.err());
    List<String> lines = bad.out().lines().toList();
    assertEquals(3, lines.size(), bad::toString);
    assertEquals(
        "spec.containerRuntime.registryMirrors[0].caFile: "
            + dir.resolve("ca.pem")
            + " does not exist — put the CA certificate (PEM) that signed the mirrors' certificates"
            + " there",
        lines.get(0));
    assertEquals(
        "spec.containerRuntime.registryMirrors[0].credentialsFile: "
            + dir.resolve("mirror.auth")
            + " is not user:password — write one line user:password into it (a token goes in as"
            + " the password)",
        lines.get(1));
  }

  @Test
  void homeRelativePathsAreExpandedForTheWorker() throws IOException {
    Path file =
        inventory(
            "[{registry: quay.io, endpoints: [https://q.example], credentialsFile: ~/.kube/q.auth}]");
    var inv = InventoryFile.load(file, false).inventory();
    assertEquals(
        Path.of(System.getProperty("user.home"), ".kube", "q.auth").toString(),
        inv.spec().containerRuntime().registryMirrors().get(0).credentialsFile());
  }
}
