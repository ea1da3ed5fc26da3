package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.KubernetesSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasesTest {
  @Test
  void theDefaultReleaseIsTheInventoryDefault() {
    List<KubernetesRelease> defaults =
        Releases.KUBERNETES.stream().filter(KubernetesRelease::isDefault).toList();
    assertEquals(1, defaults.size(), "exactly one default release: " + defaults);
    assertEquals(KubernetesSpec.DEFAULT_VERSION, defaults.get(0).version());
  }

  @Test
  void everyComponentHasItsDefaultWithASourceAndTheChecksumTableValue() {
    List<Releases.Artifact> artifacts = Releases.artifacts();
    for (String component : List.of("containerd", "runc", "cni-plugins", "calico")) {
      List<Releases.Artifact> defaults =
          artifacts.stream().filter(a -> a.component().equals(component) && a.isDefault()).toList();
      assertEquals(1, defaults.size(), component + " has one default: " + artifacts);
      Releases.Artifact a = defaults.get(0);
      assertEquals(ChecksumTable.sha256(a.file()).orElseThrow(), a.sha256());
      assertTrue(
          a.source().contains("kubespray") || a.source().contains("sha256"),
          a + " names its source");
    }
  }

  @Test
  void versionsSortNumerically() {
    assertTrue(Releases.versionKey("1.10.2").compareTo(Releases.versionKey("1.9.0")) > 0);
  }
}
