package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.history.HistoryStats;
import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.graph.Chain;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.engine.WorkflowIds;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One lab bring-up sized by -Dbench.masters/workers/lbs; prints phases against their critical path,
 * SSH connections per host, the worker's CPU and heap peak, the machine's CPU use, and the history
 * sizes of the parent and one child with their 500-host extrapolation. Not in the default run.
 */
class BringUpBenchmark {
  @TempDir Path state;

  @Test
  void bringUp() throws Exception {
    int masters = Integer.getInteger("bench.masters", 3);
    int workers = Integer.getInteger("bench.workers", 3);
    int lbs = Integer.getInteger("bench.lbs", 2);
    long start = System.nanoTime();
    try (LabCluster cluster = LabCluster.start(masters, workers, lbs, state);
        KubehaWorker worker =
            KubehaWorker.start(
                cluster.server.address(),
                "default",
                TemporalSecurity.NONE,
                cluster.workerRoots())) {
      long labUp = System.nanoTime();
      long cpuBefore = processCpuNanos();
      long[] machineBefore = MachineCpu.sample();
      BringUpResult result =
          cluster.startRun(false).getResult(2, TimeUnit.HOURS, BringUpResult.class);
      long done = System.nanoTime();
      long cpu = processCpuNanos() - cpuBefore;
      double machineBusy = MachineCpu.busyFraction(machineBefore, MachineCpu.sample());
      LabCluster.print("bench " + (masters + workers + lbs) + " hosts", result);
      System.out.printf(
          "bench lab-up-s %.1f bring-up-s %.1f%n", (labUp - start) / 1e9, (done - labUp) / 1e9);
      int maxConnections = 0;
      for (HostSpec h : cluster.inventory.hosts()) {
        maxConnections = Math.max(maxConnections, worker.connectionsOpened(h.name()));
      }
      int hosts = masters + workers + lbs;
      System.out.printf(
          "bench ssh-connections-max-per-host %d heap-peak-mb %d worker-cpu-s %.1f machine-cpu-busy %.0f%%"
              + " workflow %s%n",
          maxConnections,
          heapPeakBytes() >> 20,
          cpu / 1e9,
          machineBusy * 100,
          cluster.workflowId());
      System.out.print(
          PhaseOverhead.table(PhaseOverhead.of(cluster.client, cluster.workflowId(), result)));
      Chain chain = PhaseOverhead.chain(cluster.client, cluster.workflowId(), cluster.inventory);
      double wall = (done - labUp) / 1e9;
      System.out.printf(
          "bench graph wall-s %.1f chain-s %.1f wall/chain %.2f chain %s%n",
          wall, chain.millis() / 1e3, wall * 1e3 / chain.millis(), chain.tasks());
      HistoryStats parent = HistoryStats.of(cluster.client.fetchHistory(cluster.workflowId()));
      String firstWorker = cluster.inventory.workers().get(0).name();
      HistoryStats child =
          HistoryStats.of(
              cluster.client.fetchHistory(
                  WorkflowIds.host(cluster.inventory.clusterName(), firstWorker)));
      System.out.println("bench history " + parent.summary(4));
      System.out.println("bench history " + child.summary(4));
      System.out.printf(
          "bench history-500-hosts parent ~%d events (limit %d), ~%.1f MB (limit %d MB);"
              + " child stays ~%d events, %.2f MB (per-host linear scaling of this run)%n",
          parent.events() * 500L / hosts,
          HistoryStats.EVENT_LIMIT,
          parent.bytes() * 500.0 / hosts / (1 << 20),
          HistoryStats.BYTE_LIMIT >> 20,
          child.events(),
          child.bytes() / (double) (1 << 20));
      assertTrue(result.verify().ok(), "verify: " + result.verify());
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long heapPeakBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
