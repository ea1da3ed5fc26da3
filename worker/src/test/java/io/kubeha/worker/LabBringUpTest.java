package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.PhaseOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The whole bring-up of the default lab (3 masters, 3 workers, 2 LBs) on a real Temporal server, checked through the lab. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabBringUpTest {
  @TempDir static Path state;
  LabCluster cluster;
  KubehaWorker worker;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(3, 3, 2, state);
    worker = KubehaWorker.start(cluster.server.address());
  }

  @AfterAll
  void down() {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void bringsUpTheLabClusterToVerified() throws Exception {
    BringUpResult result = cluster.await(cluster.startRun(true));
    print("first run", result);
    assertTrue(result.verify().ok(), "verify: " + result.verify());
  }

  static void print(String title, BringUpResult result) {
    System.out.println("== " + title + ": " + result.cluster());
    for (PhaseOutcome p : result.phases()) {
      System.out.printf("  %-26s %7d ms  applied %3d / %3d%s%n", p.phase(), p.millis(), p.stepsApplied(), p.stepsTotal(),
          p.skipped() ? "  (skipped)" : "");
    }
  }
}
