package io.kubeha.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small bundles for tests: the given entries (and images), written as `bundle create` does. */
public final class TestBundles {
  private TestBundles() {}

  public static Path write(Path dir, Map<String, byte[]> contents) throws IOException {
    return write(dir, contents, List.of());
  }

  public static Path write(Path dir, Map<String, byte[]> contents, List<BundleImage> images)
      throws IOException {
    Path staging = dir.resolve("staging");
    List<BundleEntry> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> c : contents.entrySet()) {
      Path file = staging.resolve(c.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, c.getValue());
      entries.add(
          new BundleEntry(c.getKey(), c.getValue().length, Staging.hex(c.getValue()), "test"));
    }
    BundleIndex index =
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
            null);
    Path bundle = dir.resolve("lab.bundle");
    BundleWriter.write(staging, index, bundle);
    return bundle;
  }

  /** A manifest's bytes and its digest, as a registry names it. */
  public static String digest(byte[] manifest) {
    return "sha256:" + Staging.hex(manifest);
  }

  public static String blobEntry(String digest) {
    return EntryNames.blob(digest);
  }
}
