package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.bundle.BundleEntry;
import io.kubeha.bundle.BundleIndex;
import io.kubeha.bundle.BundleWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up with spec.artifacts.bundle refuses a bundle it cannot serve before it contacts anything. */
class UpBundleCheckTest {
  private static final String LAYER = "oci/blobs/sha256/" + "ab".repeat(32);

  @TempDir Path dir;
  private Path bundle;
  private byte[] layer;

  @BeforeEach
  void makeBundle() throws Exception {
    layer = new byte[100_000];
    for (int i = 0; i < layer.length; i++) {
      layer[i] = (byte) (i * 31);
    }
    Path staging = dir.resolve("staging");
    Files.createDirectories(staging.resolve(LAYER).getParent());
    Files.write(staging.resolve(LAYER), layer);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
    BundleIndex index =
        new BundleIndex(
            BundleIndex.FORMAT,
            "lab",
            List.of("1.37.2"),
            List.of(new BundleEntry(LAYER, layer.length, sha, "test")),
            null,
            null,
            null,
            null,
            null,
            null);
    bundle = dir.resolve("lab.bundle");
    BundleWriter.write(staging, index, bundle);
  }

  private Path inventory(String version) throws Exception {
    return inventory(version, true);
  }

  private Path inventory(String version, boolean namesBundle) throws Exception {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "not read: refused before\n");
    Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    return Files.writeString(
        dir.resolve("lab.yaml"),
        "apiVersion: kubeha/v1alpha1\n"
            + "kind: Cluster\n"
            + "metadata: {name: lab}\n"
            + "spec:\n"
            + "  ssh: {keyPath: "
            + key
            + ", knownHosts: "
            + knownHosts
            + "}\n"
            + "  hosts:\n"
            + "    - {name: kube-master-1, address: 198.18.0.11, roles: [control-plane]}\n"
            + "    - {name: ha-lb-a, address: 198.18.0.31, roles: [load-balancer, ntp-server]}\n"
            + "    - {name: ha-lb-b, address: 198.18.0.32, roles: [load-balancer]}\n"
            + "  controlPlaneEndpoint: {vip: 198.18.0.250}\n"
            + "  kubernetes: {version: "
            + version
            + "}\n"
            + (namesBundle ? "  artifacts: {bundle: " + bundle + "}\n" : ""));
  }

  @Test
  void aDamagedBundleIsRefusedNamingTheEntry() throws Exception {
    byte[] file = Files.readAllBytes(bundle);
    int at = indexOf(file, layer) + 50_000;
    file[at] ^= 1;
    Files.write(bundle, file);

    Cli up = Cli.run("up", "-f", inventory("1.37.2").toString(), "--detach");

    assertEquals(ExitCodes.BAD_INPUT, up.exitCode(), up.err());
    assertTrue(up.err().contains("is damaged, nothing was started"), up.err());
    assertTrue(up.err().contains(LAYER + ": corrupt"), up.err());
  }

  @Test
  void theBundleOptionSetsTheFieldOverTheFile() throws Exception {
    Cli up =
        Cli.run(
            "up",
            "-f",
            inventory("1.36.3", false).toString(),
            "--bundle",
            bundle.toString(),
            "--detach");

    assertEquals(ExitCodes.BAD_INPUT, up.exitCode(), up.err());
    assertTrue(
        up.err().contains("holds Kubernetes 1.37.2, the inventory asks for 1.36.3"), up.err());

    Path other = Files.copy(bundle, dir.resolve("other.bundle"));
    Cli both =
        Cli.run("up", "-f", inventory("1.37.2", true).toString(), "--bundle", other.toString());
    assertEquals(ExitCodes.BAD_INPUT, both.exitCode(), both.err());
    assertTrue(both.err().contains("the inventory names another"), both.err());
  }

  @Test
  void aBundleOfAnotherVersionIsRefused() throws Exception {
    Cli up = Cli.run("up", "-f", inventory("1.36.3").toString(), "--detach");

    assertEquals(ExitCodes.BAD_INPUT, up.exitCode(), up.err());
    assertTrue(
        up.err().contains("holds Kubernetes 1.37.2, the inventory asks for 1.36.3"), up.err());
  }

  @Test
  void phaseByPhaseIsRefusedWithABundle() throws Exception {
    Cli up = Cli.run("up", "-f", inventory("1.37.2").toString(), "--phase-by-phase");

    assertEquals(ExitCodes.BAD_INPUT, up.exitCode(), up.err());
    assertTrue(up.err().startsWith("kubeha: --phase-by-phase:"), up.err());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    String h = new String(haystack, StandardCharsets.ISO_8859_1);
    return h.indexOf(new String(needle, 0, 64, StandardCharsets.ISO_8859_1));
  }
}
