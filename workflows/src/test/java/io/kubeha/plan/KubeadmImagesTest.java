package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubeha's image list for a release is what that release's own kubeadm prints. */
class KubeadmImagesTest {
  private static final Path CACHE =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "KUBEHA_K8S_CACHE",
                  System.getProperty("user.home") + "/.cache/kubeha/kubernetes"));

  @Test
  void matchesTheReleasesOwnKubeadmForBothRepositories() throws Exception {
    int compared = 0;
    for (KubernetesRelease r : Releases.KUBERNETES) {
      Path kubeadm = CACHE.resolve("v" + r.version()).resolve("bin/kubeadm");
      if (!Files.isExecutable(kubeadm)) {
        continue;
      }
      for (String repo : List.of("registry.k8s.io", "mirror.example:5000/k8s")) {
        // An explicit version: kubeadm looks nothing up on the network.
        Processes.Result out =
            Processes.run(
                List.of(
                    kubeadm.toString(),
                    "config",
                    "images",
                    "list",
                    "--kubernetes-version",
                    "v" + r.version(),
                    "--image-repository",
                    repo));
        assertEquals(0, out.exitCode(), out.output());
        List<String> images = new ArrayList<>();
        out.output().lines().filter(l -> l.startsWith(repo + "/")).forEach(images::add);
        assertEquals(images, KubeadmImages.of(r.version(), repo), r.version() + " " + repo);
        compared++;
      }
    }
    assumeTrue(compared > 0, "no release's kubeadm is built in " + CACHE);
  }

  @Test
  void theNextMinorIsTheNewestListedReleaseOfIt() {
    assertEquals("1.37.2", KubeadmImages.nextMinor("1.36.3").orElseThrow().version());
    assertTrue(KubeadmImages.nextMinor("1.37.2").isEmpty());
  }

  @Test
  void anUnlistedReleaseIsRefusedNamingTheListedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KubeadmImages.of("1.35.0", null));
    assertTrue(e.getMessage().contains("1.37.2, 1.36.3"), e.getMessage());
  }
}
