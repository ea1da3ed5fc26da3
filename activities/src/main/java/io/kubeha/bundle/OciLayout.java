package io.kubeha.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * oci/oci-layout and oci/index.json: every image by its full public name, under both annotations
 * containerd and the OCI tools read (as the lab's oci.py writes them).
 */
final class OciLayout {
  static final String CONTAINERD_NAME = "io.containerd.image.name";
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayout() {}

  static void write(
      Staging staging, List<BundleImage> images, List<BundleEntry> entries, String from) {
    ObjectNode layout = JSON.createObjectNode().put("imageLayoutVersion", "1.0.0");
    entries.add(staging.write(EntryNames.OCI + "/oci-layout", bytes(layout), from));
    ObjectNode index =
        JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OciMedia.INDEX);
    ArrayNode manifests = index.putArray("manifests");
    images.stream()
        .sorted(Comparator.comparing(BundleImage::name))
        .forEach(
            i -> {
              ObjectNode d = manifests.addObject();
              d.put("mediaType", i.mediaType()).put("digest", i.digest()).put("size", i.size());
              d.putObject("annotations").put(CONTAINERD_NAME, i.name()).put(REF_NAME, i.name());
            });
    entries.add(staging.write(EntryNames.OCI + "/index.json", bytes(index), from));
  }

  private static byte[] bytes(ObjectNode node) {
    return (node.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
