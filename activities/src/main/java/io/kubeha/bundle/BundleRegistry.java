package io.kubeha.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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

  /** The locations for bundle's images, served from directory (where BundleUpload unpacked it). */
  public static String locations(Path bundle, String directory) {
    BundleIndex index = BundleReader.index(bundle);
    Set<String> manifests = new java.util.HashSet<>();
    index.images().forEach(i -> manifests.add(EntryNames.blob(i.digest())));
    Map<String, byte[]> tops = read(bundle, manifests);
    // Each image's tag and digest, and its amd64 manifest's digest when the top is an index.
    Map<String, Map<String, String[]>> byRepository = new TreeMap<>();
    Map<String, String> childOf = new HashMap<>();
    Map<String, String> childType = new HashMap<>();
    for (BundleImage image : index.images()) {
      ImageName name = ImageName.parse(image.name());
      Map<String, String[]> refs =
          byRepository.computeIfAbsent(name.repository(), r -> new TreeMap<>());
      String[] top = {image.digest(), image.mediaType()};
      refs.put(name.reference(), top);
      refs.put(image.digest(), top);
      if (OciMedia.isIndex(image.mediaType())) {
        byte[] bytes = tops.get(EntryNames.blob(image.digest()));
        if (bytes == null) {
          throw new BundleException(
              image.name() + ": its index " + image.digest() + " is not in the bundle");
        }
        for (JsonNode d : tree(bytes, image.name()).path("manifests")) {
          String digest = d.path("digest").asText();
          if (hasEntry(index, EntryNames.blob(digest))) {
            childOf.put(digest, name.repository());
            childType.put(digest, d.path("mediaType").asText(OciMedia.MANIFEST));
          }
        }
      }
    }
    childOf.forEach(
        (digest, repository) ->
            byRepository.get(repository).put(digest, new String[] {digest, childType.get(digest)}));
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
    byRepository.forEach(
        (repository, refs) ->
            refs.forEach(
                (reference, manifest) ->
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
                                safe(manifest[1]),
                                safe(manifest[0]),
                                safe(directory),
                                EntryNames.blob(manifest[0])))));
    return conf.toString();
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
