package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.bundle.BundleCreator;
import io.kubeha.bundle.BundleSources;
import io.kubeha.bundle.HttpFetch;
import io.kubeha.bundle.Progress;
import io.kubeha.workflow.bringup.BringUpResult;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster comes up from one bundle file with the lab's own file server and registry stopped: the
 * load balancers unpack it and serve the nodes every file, package and image.
 */
class BundleBringUpTest {
  private static final List<String> LAB_SOURCES =
      List.of("http://198.18.0.1:18080/", "http://198.18.0.1:5000/v2/");

  @TempDir Path state;

  @Test
  void aClusterComesUpFromOneBundleWithTheLabsSourcesStopped() throws Exception {
    try (LabCluster cluster = LabCluster.start(1, 1, 2, state)) {
      Path bundle = state.resolve("lab.bundle");
      new BundleCreator(new HttpFetch(), Progress.NONE)
          .create(cluster.inventory, new BundleSources(null, null, null), false, bundle);
      Path file = state.resolve("inventory-bundle.yaml");
      Files.writeString(file, fromBundle(Files.readString(cluster.lab.inventoryPath()), bundle));
      cluster.useInventory(file);
      stopLabSources(cluster.lab.dir());
      for (String url : LAB_SOURCES) {
        assertFalse(answers(url), url + " still answers");
      }

      try (KubehaWorker worker =
          KubehaWorker.start(
              cluster.server.address(), "default", TemporalSecurity.NONE, cluster.workerRoots())) {
        BringUpResult result = cluster.await(cluster.startRun(false));
        assertTrue(result.verify().ok(), "verify: " + result.verify());
        LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
        assertEquals(List.of(), k8s.problems(), "the real cluster through kubectl and etcdctl");
        // The load balancer holding the VIP served the packages and the images.
        String log =
            cluster
                .lab
                .exec(result.verify().vipHolder(), "cat", "/var/log/nginx/kubeha-bundle-access.log")
                .stdout();
        assertTrue(log.contains("GET /apt/core:/stable:/v1.37/deb/InRelease "), log);
        assertTrue(
            log.matches("(?s).*GET /v2/kube-proxy/blobs/sha256:[0-9a-f]{64}\\S* HTTP/1.1\" 200 .*"),
            log);
        // Every node's request answered (the step's own wait for nginx's reload may see a 404).
        assertEquals(
            List.of(),
            log.lines().filter(l -> !l.startsWith("127.0.0.1 ") && !l.contains("\" 200 ")).toList(),
            log);
      }
      for (String url : LAB_SOURCES) {
        assertFalse(answers(url), url + " answered during the run");
      }
    }
  }

  /** The lab's inventory without its own sources, with the bundle instead. */
  static String fromBundle(String labInventory, Path bundle) {
    String yaml =
        labInventory
            .replaceAll("(?m)^    registryMirrors:\\n(      - .*\\n)+", "")
            .replaceAll("(?m)^    (mirror|aptRepository): .*\\n", "");
    assertFalse(yaml.contains("198.18.0.1:18080") || yaml.contains("198.18.0.1:5000"), yaml);
    return yaml.replace("  artifacts:\n", "  artifacts:\n    bundle: " + bundle + "\n");
  }

  /** The lab's file server and registry, started by this test's lab (their pids in its dir). */
  private static void stopLabSources(Path labDir) throws IOException {
    for (String name : List.of("http.pid", "registry.pid")) {
      long pid = Long.parseLong(Files.readString(labDir.resolve(name)).strip());
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroy();
                p.onExit().join();
              });
    }
  }

  private static boolean answers(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(2000);
      c.getResponseCode();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
