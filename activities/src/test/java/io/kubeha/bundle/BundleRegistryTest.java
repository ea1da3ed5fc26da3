package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nginx locations for a bundle's images: tags and digests to manifest blobs, with their types. */
class BundleRegistryTest {
  @TempDir Path dir;

  private final List<BundleEntry> entries = new ArrayList<>();

  @Test
  void servesEachTagAndDigestWithItsMediaTypeAndAnIndexsAmd64Manifest() throws Exception {
    Path staging = dir.resolve("staging");
    String amd64 = blob(staging, "{\"mediaType\":\"" + OciMedia.MANIFEST + "\",\"layers\":[]}");
    String arm64 = "sha256:" + "0".repeat(64); // not bundled: amd64 only
    String index =
        blob(
            staging,
            """
            {"mediaType":"%s","manifests":[
              {"mediaType":"%s","digest":"%s","platform":{"os":"linux","architecture":"amd64"}},
              {"mediaType":"%s","digest":"%s","platform":{"os":"linux","architecture":"arm64"}}]}
            """
                .formatted(OciMedia.INDEX, OciMedia.MANIFEST, amd64, OciMedia.MANIFEST, arm64));
    String coredns = blob(staging, "{\"mediaType\":\"" + OciMedia.DOCKER_MANIFEST + "\"}");
    List<BundleImage> images =
        List.of(
            new BundleImage("registry.k8s.io/pause:3.10.2", index, OciMedia.INDEX, 1, "test"),
            new BundleImage(
                "registry.k8s.io/coredns/coredns:v1.14.6",
                coredns,
                OciMedia.DOCKER_MANIFEST,
                1,
                "test"));
    Path bundle = dir.resolve("b.bundle");
    BundleWriter.write(
        staging,
        new BundleIndex(
            BundleIndex.FORMAT,
            "lab",
            List.of("1.37.2"),
            entries,
            null,
            null,
            null,
            images,
            null,
            null),
        bundle);

    String conf = BundleRegistry.locations(bundle, "/var/lib/kubeha/bundle");

    assertTrue(conf.contains("location = /v2/ {"), conf);
    // Quoted: nginx reads an unquoted {64} as the start of a block.
    assertTrue(conf.contains("location ~ \"^/v2/.+/blobs/sha256:([0-9a-f]{64})$\" {"), conf);
    assertTrue(
        conf.contains("alias /var/lib/kubeha/bundle/oci/blobs/sha256/$1;"), "blobs by digest");
    assertLocation(conf, "pause", "3.10.2", OciMedia.INDEX, index);
    assertLocation(conf, "pause", index, OciMedia.INDEX, index);
    assertLocation(conf, "pause", amd64, OciMedia.MANIFEST, amd64);
    assertFalse(conf.contains(arm64), "an arm64 manifest the bundle does not hold");
    assertLocation(conf, "coredns/coredns", "v1.14.6", OciMedia.DOCKER_MANIFEST, coredns);
    assertLocation(conf, "coredns/coredns", coredns, OciMedia.DOCKER_MANIFEST, coredns);
  }

  private static void assertLocation(
      String conf, String repository, String reference, String type, String digest) {
    String expected =
        """
        location = /v2/%s/manifests/%s {
            default_type %s;
            add_header Docker-Content-Digest %s;
            alias /var/lib/kubeha/bundle/oci/blobs/sha256/%s;
        }
        """
            .formatted(repository, reference, type, digest, digest.substring(7));
    assertTrue(conf.contains(expected), expected + "\nnot in:\n" + conf);
  }

  private String blob(Path staging, String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String digest = "sha256:" + Staging.hex(bytes);
    String name = EntryNames.blob(digest);
    Path file = staging.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    entries.add(new BundleEntry(name, bytes.length, Staging.hex(bytes), "test"));
    assertEquals(name, "oci/blobs/sha256/" + digest.substring(7));
    return digest;
  }
}
