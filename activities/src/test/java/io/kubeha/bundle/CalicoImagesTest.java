package io.kubeha.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calico's images are the ones its archive's manifests/calico.yaml names, each once. */
class CalicoImagesTest {
  @TempDir Path dir;

  private Path archive(String member, String manifest) throws Exception {
    Path file = dir.resolve("calico.tar.gz");
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry(member);
      e.setSize(bytes.length);
      tar.putArchiveEntry(e);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    return file;
  }

  @Test
  void readsTheManifestsImages() throws Exception {
    String manifest =
        """
        spec:
          initContainers:
            - name: install-cni
              image: docker.io/calico/cni:v3.30.6
            - name: mount-bpffs
              image: "docker.io/calico/node:v3.30.6"
          containers:
            - name: calico-node
              image: docker.io/calico/node:v3.30.6
        # image: commented.example/out:1 is not an image line of a container
            - name: calico-kube-controllers
              image: docker.io/calico/kube-controllers:v3.30.6
        """;
    assertEquals(
        List.of(
            "docker.io/calico/cni:v3.30.6",
            "docker.io/calico/node:v3.30.6",
            "docker.io/calico/kube-controllers:v3.30.6"),
        List.copyOf(CalicoImages.in(archive("calico-3.30.6/manifests/calico.yaml", manifest))));
  }

  @Test
  void anArchiveWithoutTheManifestIsRefused() throws Exception {
    Path file = archive("calico-3.30.6/README.md", "no manifest");
    assertThrows(BundleException.class, () -> CalicoImages.in(file));
  }
}
