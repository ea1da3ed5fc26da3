package io.kubeha.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The bundle's images served read-only by nginx from the unpacked OCI layout, as containerd asks a
 * registry mirror for them: /v2/REPOSITORY/manifests/TAG and …/manifests/DIGEST answer the manifest
 * blob with its media type and digest, /v2/REPOSITORY/blobs/DIGEST any blob. Repositories are the
 * images' paths without their registry (registry.k8s.io/coredns/coredns → coredns/coredns), as the
 * lab's registry holds them. nginx locations, rendered from the bundle's own manifests.
 */
public final class BundleRegistry {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MANIFEST_MAX_BYTES = 4L << 20;
  // What may stand in an nginx location unquoted: the names EntryNames and ImageName allow.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/:@+-]+");

  private BundleRegistry() {}

  /** A manifest as served: its digest and media type. */
  private record Manifest(String digest, String mediaType) {}

  /** The locations for bundle's images, served from directory (where BundleUpload unpacked it). */
  public static String locations(Path bundle, String directory) {
    StringBuilder conf =
        new StringBuilder(
            """
            # Managed by kubeha: the bundle's images, read-only, as containerd asks a mirror.
            location = /v2/ {
                default_type application/json;
                return 200 '{}';
            }
            location ~ "^/v2/.+/blobs/sha256:([0-9a-f]{64})$" {
                default_type application/octet-stream;
                alias %s/oci/blobs/sha256/$1;
            }
            """
                .formatted(safe(directory)));
    manifests(bundle)
        .forEach(
            (repository, refs) ->
                refs.forEach(
                    (reference, m) ->
                        conf.append(
                            """
                            location = /v2/%s/manifests/%s {
                                default_type %s;
                                add_header Docker-Content-Digest %s;
                                alias %s/%s;
                            }
                            """
                                .formatted(
                                    safe(repository),
                                    safe(reference),
                                    safe(m.mediaType()),
                                    safe(m.digest()),
                                    safe(directory),
                                    EntryNames.blob(m.digest())))));
    return conf.toString();
  }

  /**
   * By repository, each reference a pull may ask for: the image's tag and digest, and its amd64
   * manifest's digest when the top is an index.
   */
  private static Map<String, Map<String, Manifest>> manifests(Path bundle) {
    BundleIndex index = BundleReader.index(bundle);
    Set<String> tops = new HashSet<>();
    index.images().forEach(i -> tops.add(EntryNames.blob(i.digest())));
    Map<String, byte[]> bytes = read(bundle, tops);
    Map<String, Map<String, Manifest>> byRepository = new TreeMap<>();
    for (BundleImage image : index.images()) {
      ImageName name = ImageName.parse(image.name());
      Map<String, Manifest> refs =
          byRepository.computeIfAbsent(name.repository(), r -> new TreeMap<>());
      Manifest top = new Manifest(image.digest(), image.mediaType());
      refs.put(name.reference(), top);
      refs.put(image.digest(), top);
      if (OciMedia.isIndex(image.mediaType())) {
        byte[] indexBytes = bytes.get(EntryNames.blob(image.digest()));
        if (indexBytes == null) {
          throw new BundleException(
              image.name() + ": its index " + image.digest() + " is not in the bundle");
        }
        for (JsonNode d : tree(indexBytes, image.name()).path("manifests")) {
          String digest = d.path("digest").asText();
          if (hasEntry(index, EntryNames.blob(digest))) {
            refs.put(digest, new Manifest(digest, d.path("mediaType").asText(OciMedia.MANIFEST)));
          }
        }
      }
    }
    return byRepository;
  }

  private static boolean hasEntry(BundleIndex index, String name) {
    return index.entries().stream().anyMatch(e -> e.name().equals(name));
  }

  private static String safe(String text) {
    if (!SAFE.matcher(text).matches()) {
      throw new BundleException(
          "not served: " + text + " has characters an nginx location may not");
    }
    return text;
  }

  private static JsonNode tree(byte[] bytes, String image) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new BundleException(image + ": its manifest is not JSON: " + e.getMessage());
    }
  }

  /** The named small entries' bytes, in one pass over the archive. */
  private static Map<String, byte[]> read(Path bundle, Set<String> names) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(bundle), 1 << 16))) {
      TarArchiveEntry t;
      while ((t = tar.getNextEntry()) != null) {
        if (names.contains(t.getName()) && t.getSize() <= MANIFEST_MAX_BYTES) {
          found.put(t.getName(), tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading bundle " + bundle, e);
    }
    return found;
  }
}
