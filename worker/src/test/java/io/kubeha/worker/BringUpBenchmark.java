package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.BringUpResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One lab bring-up sized by -Dbench.masters/workers/lbs; prints phases, SSH connections, heap peak. Not in the default run. */
class BringUpBenchmark {
  @TempDir Path state;

  @Test
  void bringUp() throws Exception {
    int masters = Integer.getInteger("bench.masters", 3);
    int workers = Integer.getInteger("bench.workers", 3);
    int lbs = Integer.getInteger("bench.lbs", 2);
    long start = System.nanoTime();
    try (LabCluster cluster = LabCluster.start(masters, workers, lbs, state);
        KubehaWorker worker = KubehaWorker.start(cluster.server.address())) {
      long labUp = System.nanoTime();
      BringUpResult result = cluster.await(cluster.startRun(false));
      long done = System.nanoTime();
      LabBringUpTest.print("bench " + (masters + workers + lbs) + " hosts", result);
      System.out.printf("bench lab-up-s %.1f bring-up-s %.1f%n", (labUp - start) / 1e9, (done - labUp) / 1e9);
      int maxConnections = 0;
      for (HostSpec h : cluster.inventory.hosts()) {
        maxConnections = Math.max(maxConnections, worker.connectionsOpened(h.name()));
      }
      System.out.printf("bench ssh-connections-max-per-host %d heap-peak-mb %d workflow %s%n",
          maxConnections, heapPeakBytes() >> 20, cluster.workflowId());
      assertTrue(result.verify().ok(), "verify: " + result.verify());
    }
  }

  static long heapPeakBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
