package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.ssh.LoopbackSsh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bundle unpacked on a host over a real sshd on loopback, checked there, resumed, refused. */
class BundleUploadTest {
  @RegisterExtension static final LoopbackSsh SSH = new LoopbackSsh();

  private static final String RUNC =
      "files/opencontainers/runc/releases/download/v1.3.4/runc.amd64";
  private static final String LAYER = "oci/blobs/sha256/" + "ab".repeat(32);
  private static final String RELEASE = "apt/core:/stable:/v1.37/deb/Release";

  private static final Runnable NOTHING = () -> {};

  @TempDir Path dir;
  private final Map<String, byte[]> contents = new LinkedHashMap<>();
  private Path bundle;
  private String host;

  @BeforeEach
  void makeBundle() throws Exception {
    Random random = new Random(7);
    contents.put(RUNC, bytes(random, 200_000));
    contents.put(LAYER, bytes(random, 3_000_000));
    contents.put(RELEASE, "Origin: test\n".getBytes());
    bundle = TestBundles.write(dir, contents);
    host = dir.resolve("host/var/lib/kubeha/bundle").toString();
  }

  @Test
  void unpacksEveryEntryThenKeepsWhatIsThere() throws Exception {
    List<String> progress = new ArrayList<>();
    BundleUpload.Result first =
        BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, progress::add);
    assertEquals(3, first.sent());
    assertEquals(3_200_013, first.bytesSent());
    for (Map.Entry<String, byte[]> c : contents.entrySet()) {
      assertArrayEquals(c.getValue(), Files.readAllBytes(Path.of(host, c.getKey())), c.getKey());
    }
    assertTrue(
        progress.contains("bundle: 3 of 3 entries there; sent 3200013 bytes, kept 0, of 3200013"),
        String.join("\n", progress));

    BundleUpload.Result second = BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, p -> {});
    assertEquals(0, second.sent());
    assertEquals(3, second.kept());
    assertEquals(0, second.bytesSent());
  }

  @Test
  void continuesACutOffEntryFromItsBytesAndRewritesAForeignOne() throws Exception {
    byte[] layer = contents.get(LAYER);
    Path layerPart = Path.of(host, LAYER + BundleUpload.PART);
    Files.createDirectories(layerPart.getParent());
    Files.write(layerPart, Arrays.copyOf(layer, 1_000_000));
    Path runcPart = Path.of(host, RUNC + BundleUpload.PART);
    Files.createDirectories(runcPart.getParent());
    byte[] foreign = new byte[5_000];
    Files.write(runcPart, foreign);

    BundleUpload.Result result = BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, p -> {});

    assertEquals(3, result.sent());
    assertEquals(1_000_000, result.bytesKept());
    assertEquals(3_200_013 - 1_000_000, result.bytesSent());
    assertArrayEquals(layer, Files.readAllBytes(Path.of(host, LAYER)));
    assertArrayEquals(contents.get(RUNC), Files.readAllBytes(Path.of(host, RUNC)));
    assertFalse(Files.exists(layerPart));
    assertFalse(Files.exists(runcPart));
  }

  @Test
  void replacesAnEntryChangedOnTheHost() throws Exception {
    BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, p -> {});
    Path runc = Path.of(host, RUNC);
    byte[] changed = contents.get(RUNC).clone();
    changed[10] ^= 1;
    Files.write(runc, changed);

    BundleUpload.Result again = BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, p -> {});

    assertEquals(1, again.sent());
    assertEquals(2, again.kept());
    assertArrayEquals(contents.get(RUNC), Files.readAllBytes(runc));
  }

  @Test
  void refusesAnEntryDamagedInTheBundleNamingItAndLeavesNothingOfIt() throws Exception {
    byte[] file = Files.readAllBytes(bundle);
    int at = indexOf(file, Arrays.copyOfRange(contents.get(LAYER), 0, 64)) + 100_000;
    file[at] ^= 1;
    Files.write(bundle, file);

    BundleException refused =
        assertThrows(
            BundleException.class,
            () -> BundleUpload.upload(SSH.shell(), bundle, host, NOTHING, p -> {}));

    assertTrue(
        refused.getMessage().startsWith("bundle entry " + LAYER + " is corrupt"),
        refused.getMessage());
    assertFalse(Files.exists(Path.of(host, LAYER)));
    assertFalse(Files.exists(Path.of(host, LAYER + BundleUpload.PART)));
    assertArrayEquals(contents.get(RUNC), Files.readAllBytes(Path.of(host, RUNC)));
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
