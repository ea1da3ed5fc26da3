package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.inventory.ArtifactsSpec;
import io.kubeha.inventory.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered key step, run for real by this machine's /bin/sh and gpg against real keys, in a
 * temporary directory only: /etc/apt/keyrings becomes the directory's keyrings/, and a curl on the
 * PATH copies the served key (and records its arguments) instead of fetching anything.
 *
 * <p>test-apt-key.asc and other-test-key.asc are ed25519 public keys made for this test (gpg
 * --quick-gen-key in a throwaway home; the private keys were not kept).
 */
class AptSigningKeyTest {
  private static final String TEST_KEY = TestInventories.LAB_KEY;
  private static final String OTHER_KEY = "1C39984F3352C9584A05B2980DA0B6DDE525E304";
  private static final String MIRROR = "https://apt.mirror.example";

  @TempDir Path dir;
  private Path served;

  @BeforeEach
  void fakeCurl() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path curl = bin.resolve("curl");
    Files.writeString(
        curl,
        """
        #!/bin/sh
        echo "$@" > "$TEST_DIR/curl.args"
        while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
        cp "$TEST_DIR/served.asc" "$out"
        """);
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    served = dir.resolve("served.asc");
    Files.createDirectories(dir.resolve("tmp"));
  }

  @Test
  void theExpectedKeyIsInstalledAndThenCountsAsDone() throws Exception {
    serve("test-apt-key.asc");
    Action key = keyAction(mirror(TEST_KEY, false));
    assertNotEquals(0, sh(key.check()).exitCode(), "no keyring yet");

    Processes.Result run = sh(key.run());

    assertEquals(0, run.exitCode(), run.output());
    assertEquals(TEST_KEY, fingerprintOf(keyring()));
    assertEquals(0, sh(key.check()).exitCode(), "the keyring holds the key: nothing to do");
    assertEquals(List.of("keyrings/kubernetes-apt-keyring.gpg"), leftInKeyrings());
    assertEquals(List.of(), leftInTmp(), "gpg's throwaway home is removed");
  }

  @Test
  void aWrongKeyIsRefusedNamingBothFingerprintsAndNothingIsInstalled() throws Exception {
    serve("other-test-key.asc");
    Action key = keyAction(mirror(TEST_KEY, false));

    Processes.Result run = sh(key.run());

    assertNotEquals(0, run.exitCode());
    assertTrue(
        run.output()
            .contains(
                "*** "
                    + MIRROR
                    + "/core:/stable:/v1.37/deb/Release.key: signing key fingerprint "
                    + OTHER_KEY
                    + ", expected "
                    + TEST_KEY
                    + " (spec.artifacts.aptKeyFingerprint)"),
        run.output());
    assertFalse(Files.exists(keyring()));
    assertEquals(List.of(), leftInKeyrings(), "the fetched key is removed too");
    assertEquals(List.of(), leftInTmp());
  }

  @Test
  void pkgsK8sIosFingerprintRefusesAnyOtherKey() throws Exception {
    serve("test-apt-key.asc");
    Action key = keyAction(TestInventories.runbook());

    Processes.Result run = sh(key.run());

    assertNotEquals(0, run.exitCode());
    assertTrue(
        run.output().contains(", expected " + ArtifactsSpec.UPSTREAM_APT_KEY_FINGERPRINT),
        run.output());
    assertFalse(Files.exists(keyring()));
  }

  @Test
  void aFileOfTwoKeysIsRefusedEvenWhenOneIsTheExpectedKey() throws Exception {
    Files.writeString(served, resource("test-apt-key.asc") + resource("other-test-key.asc"));
    Processes.Result run = sh(keyAction(mirror(TEST_KEY, false)).run());

    assertNotEquals(0, run.exitCode());
    assertTrue(run.output().contains("fingerprint none (2 keys in the file)"), run.output());
    assertFalse(Files.exists(keyring()));
  }

  @Test
  void aKeyringHoldingAnotherKeyIsNotDone() throws Exception {
    serve("other-test-key.asc");
    Files.createDirectories(keyring().getParent());
    assertEquals(0, sh("gpg --batch --dearmor -o " + keyring() + " " + served).exitCode());

    assertNotEquals(0, sh(keyAction(mirror(TEST_KEY, false)).check()).exitCode());
  }

  @Test
  void curlTakesHttpsOnlyUnlessTheInventoryAllowsHttp() throws Exception {
    serve("test-apt-key.asc");
    assertEquals(0, sh(keyAction(mirror(TEST_KEY, false)).run()).exitCode());
    assertTrue(
        Files.readString(dir.resolve("curl.args"))
            .startsWith("--proto =https --proto-redir =https -fsSL -o "));

    Files.delete(keyring());
    assertEquals(0, sh(keyAction(mirror(TEST_KEY, true)).run()).exitCode());
    assertTrue(
        Files.readString(dir.resolve("curl.args"))
            .startsWith("--proto =http,https --proto-redir =http,https -fsSL -o "));
  }

  @Test
  void aMirrorWithoutAFingerprintInstallsNothing() throws Exception {
    serve("test-apt-key.asc");
    Action key = keyAction(mirror(null, false));
    assertEquals(Optional.empty(), AptSigningKey.expected(artifacts(null, false)));

    Processes.Result run = sh(key.run());

    assertNotEquals(0, run.exitCode());
    assertTrue(run.output().contains("no spec.artifacts.aptKeyFingerprint"), run.output());
    assertFalse(Files.exists(dir.resolve("curl.args")), "nothing fetched");
    assertNotEquals(0, sh(key.check()).exitCode());
  }

  private static ArtifactsSpec artifacts(String fingerprint, boolean insecure) {
    return new ArtifactsSpec(null, MIRROR, fingerprint, insecure, Map.of());
  }

  private static Inventory mirror(String fingerprint, boolean insecure) {
    return TestInventories.withArtifacts(
        TestInventories.runbook(), artifacts(fingerprint, insecure));
  }

  private Action keyAction(Inventory inv) {
    assumeTrue(Processes.installed("gpg"), "gpg");
    return KubeadmPackages.repository(inv).actions().stream()
        .filter(a -> a.name().equals("fetch-signing-key"))
        .findFirst()
        .orElseThrow();
  }

  /** command under /bin/sh with the keyring directory, curl and temporary files in dir. */
  private Processes.Result sh(String command) throws Exception {
    String local = command.replace("/etc/apt/keyrings", dir.resolve("keyrings").toString());
    assertFalse(local.contains("/etc/"), local);
    String env =
        "export PATH="
            + dir.resolve("bin")
            + ":$PATH TEST_DIR="
            + dir
            + " TMPDIR="
            + dir.resolve("tmp")
            + "; ";
    return Processes.run(List.of("/bin/sh", "-c", env + local));
  }

  private String fingerprintOf(Path file) throws Exception {
    Processes.Result r = sh(AptSigningKey.fingerprintOf(file.toString()) + "; echo \"$fpr\"");
    return r.output().strip();
  }

  private Path keyring() {
    return dir.resolve("keyrings/kubernetes-apt-keyring.gpg");
  }

  private void serve(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, served, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
  }

  private List<String> leftInKeyrings() throws IOException {
    Path keyrings = dir.resolve("keyrings");
    if (!Files.exists(keyrings)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(keyrings)) {
      return files.map(f -> dir.relativize(f).toString()).sorted().toList();
    }
  }

  private List<String> leftInTmp() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
      return files.map(Path::toString).toList();
    }
  }
}
