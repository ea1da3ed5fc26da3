package io.kubeha.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Images into the bundle's OCI layout by the distribution API: the manifest its tag names (an index
 * is kept whole, with only its linux/amd64 manifest), then that manifest's config and layers, each
 * blob checked against its digest and size.
 */
public final class ImageCollector {
  static final String OS = "linux";
  static final String ARCHITECTURE = "amd64";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Staging staging;
  private final Function<ImageName, RegistryClient> registries;

  /** registries: the registry to read each image from (a mirror, or its own). */
  public ImageCollector(Staging staging, Function<ImageName, RegistryClient> registries) {
    this.staging = staging;
    this.registries = registries;
  }

  public BundleImage collect(String image, List<BundleEntry> entries) {
    ImageName name = ImageName.parse(image);
    RegistryClient registry = registries.apply(name);
    RegistryClient.Manifest top = registry.manifest(name.repository(), name.reference());
    entries.add(staging.write(EntryNames.blob(top.digest()), top.bytes(), top.source()));
    RegistryClient.Manifest manifest = top;
    if (OciMedia.isIndex(top.mediaType())) {
      String child = platformManifest(image, top);
      manifest = registry.manifest(name.repository(), child);
      entries.add(
          staging.write(EntryNames.blob(manifest.digest()), manifest.bytes(), manifest.source()));
    }
    JsonNode m = read(manifest);
    blob(registry, name, m.path("config"), entries);
    for (JsonNode layer : m.path("layers")) {
      blob(registry, name, layer, entries);
    }
    return new BundleImage(image, top.digest(), top.mediaType(), top.bytes().length, top.source());
  }

  private void blob(
      RegistryClient registry, ImageName name, JsonNode d, List<BundleEntry> entries) {
    String digest = d.path("digest").asText("");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new BundleException(name.name() + ": a descriptor without a sha256 digest: " + d);
    }
    entries.add(
        staging.fetch(
            EntryNames.blob(digest),
            digest.substring("sha256:".length()),
            d.path("size").asLong(-1),
            registry.blobUrl(name.repository(), digest),
            registry.blob(name.repository(), digest)));
  }

  private static String platformManifest(String image, RegistryClient.Manifest index) {
    for (JsonNode d : read(index).path("manifests")) {
      JsonNode p = d.path("platform");
      if (OS.equals(p.path("os").asText())
          && ARCHITECTURE.equals(p.path("architecture").asText())) {
        return d.path("digest").asText();
      }
    }
    throw new BundleException(
        image
            + ": its index ("
            + index.source()
            + ") has no "
            + OS
            + "/"
            + ARCHITECTURE
            + " image");
  }

  private static JsonNode read(RegistryClient.Manifest m) {
    try {
      return JSON.readTree(m.bytes());
    } catch (IOException e) {
      throw new BundleException(m.source() + ": not JSON: " + e.getMessage(), e);
    }
  }
}
