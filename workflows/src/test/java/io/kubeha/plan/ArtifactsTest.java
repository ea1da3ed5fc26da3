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
    assertDownload(Artifacts.containerd(runbook),
        "https://github.com/containerd/containerd/releases/download/v2.0.4/containerd-2.0.4-linux-amd64.tar.gz",
        "e1c64c5fd60ecd555e750744eaef150b6f78d7f750da5c08c52825aa6b791737");
    assertDownload(Artifacts.runc(runbook),
        "https://github.com/opencontainers/runc/releases/download/v1.2.6/runc.amd64",
        "0774f49d1b1eebb5849e644db5e4dc6f2b06cee05f13b3d17d5d6ba62d6f2ebc");
    assertDownload(Artifacts.cniPlugins(runbook),
        "https://github.com/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-amd64-v1.6.2.tgz",
        "b8e811578fb66023f90d2e238d80cec3bdfca4b44049af74c374d4fae0f9c090");
    assertDownload(Artifacts.calico(runbook),
        "https://github.com/projectcalico/calico/archive/v3.29.3.tar.gz",
        "66d49b3af986944e58fede252a2c164251a63f43894181ed7401a6e11dcd8421");
  }

  @Test
  void theMirrorReplacesGithubAndTheInventorysChecksumsWin() {
    Download runc = Artifacts.runc(lab);
    assertEquals("http://198.18.0.1:8080/opencontainers/runc/releases/download/v1.2.6/runc.amd64", runc.url());
    assertEquals(Sha256.hex("lab runc"), runc.sha256(), "looked up by the upstream file name");
    assertEquals(Artifacts.CACHE_DIR + "/runc-1.2.6.amd64", runc.path());
    Download containerd = Artifacts.containerd(lab);
    assertEquals("http://198.18.0.1:8080/containerd/containerd/releases/download/v2.0.4/containerd-2.0.4-linux-amd64.tar.gz",
        containerd.url());
    assertEquals(Sha256.hex("lab containerd"), containerd.sha256());
  }

  @Test
  void aVersionWithoutAKnownChecksumIsAClearError() {
    Inventory unknown = TestInventories.withRuntime(runbook,
        new ContainerRuntimeSpec("2.0.99", "1.2.6", "1.6.2", ContainerRuntimeSpec.DEFAULT_PAUSE_IMAGE));
    MissingChecksumException e = assertThrows(MissingChecksumException.class, () -> PlanRenderer.render(unknown));
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
