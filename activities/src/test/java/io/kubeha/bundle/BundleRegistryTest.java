package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nginx locations for a bundle's images: tags and digests to manifest blobs, with their types. */
class BundleRegistryTest {
  @TempDir Path dir;

  private final Map<String, byte[]> blobs = new LinkedHashMap<>();

  @Test
  void servesEachTagAndDigestWithItsMediaTypeAndAnIndexsAmd64Manifest() throws Exception {
    String amd64 = blob("{\"mediaType\":\"" + OciMedia.MANIFEST + "\",\"layers\":[]}");
    String arm64 = "sha256:" + "0".repeat(64); // not bundled: amd64 only
    String index =
        blob(
            """
            {"mediaType":"%s","manifests":[
              {"mediaType":"%s","digest":"%s","platform":{"os":"linux","architecture":"amd64"}},
              {"mediaType":"%s","digest":"%s","platform":{"os":"linux","architecture":"arm64"}}]}
            """
                .formatted(OciMedia.INDEX, OciMedia.MANIFEST, amd64, OciMedia.MANIFEST, arm64));
    String coredns = blob("{\"mediaType\":\"" + OciMedia.DOCKER_MANIFEST + "\"}");
    List<BundleImage> images =
        List.of(
            new BundleImage("registry.k8s.io/pause:3.10.2", index, OciMedia.INDEX, 1, "test"),
            new BundleImage(
                "registry.k8s.io/coredns/coredns:v1.14.6",
                coredns,
                OciMedia.DOCKER_MANIFEST,
                1,
                "test"));
    Path bundle = TestBundles.write(dir, blobs, images);

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

  private String blob(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    String digest = TestBundles.digest(bytes);
    blobs.put(EntryNames.blob(digest), bytes);
    return digest;
  }
}
