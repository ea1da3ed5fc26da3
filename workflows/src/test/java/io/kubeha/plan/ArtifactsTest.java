package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.ContainerRuntimeSpec;
import io.kubeha.inventory.Inventory;
import org.junit.jupiter.api.Test;

class ArtifactsTest {
  private final Inventory runbook = TestInventories.runbook();
  private final Inventory lab = TestInventories.lab();

  @Test
  void defaultVersionsComeFromUpstreamWithTracedChecksums() {
    assertDownload(
        Artifacts.containerd(runbook),
        "https://github.com/containerd/containerd/releases/download/v2.2.1/containerd-2.2.1-linux-amd64.tar.gz",
        "f5d8e90ecb6c1c7e33ecddf8cc268a93b9e5b54e0e850320d765511d76624f41");
    assertDownload(
        Artifacts.runc(runbook),
        "https://github.com/opencontainers/runc/releases/download/v1.3.4/runc.amd64",
        "5966ca40b6187b30e33bfc299c5f1fe72e8c1aa01cf3fefdadf391668f47f103");
    assertDownload(
        Artifacts.cniPlugins(runbook),
        "https://github.com/containernetworking/plugins/releases/download/v1.8.0/cni-plugins-linux-amd64-v1.8.0.tgz",
        "ab3bda535f9d90766cccc90d3dddb5482003dd744d7f22bcf98186bf8eea8be6");
    assertDownload(
        Artifacts.calico(runbook),
        "https://github.com/projectcalico/calico/archive/v3.30.6.tar.gz",
        "b0eb83f6d70afac27e8830f22642cd12b0692e4d1a1b5060caa9231a951e736a");
  }

  @Test
  void theMirrorReplacesGithubAndTheInventorysChecksumsWin() {
    Download runc = Artifacts.runc(lab);
    assertEquals(
        "http://198.18.0.1:8080/opencontainers/runc/releases/download/v1.3.4/runc.amd64",
        runc.url());
    assertEquals(Sha256.hex("lab runc"), runc.sha256(), "looked up by the upstream file name");
    assertEquals(Artifacts.CACHE_DIR + "/runc-1.3.4.amd64", runc.path());
    Download containerd = Artifacts.containerd(lab);
    assertEquals(
        "http://198.18.0.1:8080/containerd/containerd/releases/download/v2.2.1/containerd-2.2.1-linux-amd64.tar.gz",
        containerd.url());
    assertEquals(Sha256.hex("lab containerd"), containerd.sha256());
  }

  @Test
  void aVersionWithoutAKnownChecksumIsAClearError() {
    Inventory unknown =
        TestInventories.withRuntime(
            runbook,
            new ContainerRuntimeSpec(
                "2.0.99", "1.2.6", "1.6.2", ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE));
    MissingChecksumException e =
        assertThrows(MissingChecksumException.class, () -> PlanRenderer.render(unknown));
    assertTrue(e.getMessage().contains("containerd-2.0.99-linux-amd64.tar.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("spec.artifacts.checksums"), e.getMessage());
  }

  @Test
  void theChecksumTableNamesASourceForEveryEntry() throws Exception {
    try (var in = ChecksumTable.class.getResourceAsStream(ChecksumTable.RESOURCE)) {
      String table = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String previous = "";
      for (String line : table.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          assertTrue(previous.startsWith("#"), "no source comment above " + line);
          assertTrue(line.matches("[A-Za-z0-9._-]+=[0-9a-f]{64}"), line);
        }
        previous = line;
      }
    }
  }

  private static void assertDownload(Download d, String url, String sha256) {
    assertEquals(url, d.url());
    assertEquals(sha256, d.sha256());
    assertTrue(d.path().startsWith(Artifacts.CACHE_DIR + "/"), d.path());
  }
}
