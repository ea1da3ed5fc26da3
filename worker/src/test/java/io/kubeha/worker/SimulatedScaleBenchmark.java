package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activities.InventoryActivitiesImpl;
import io.kubeha.activities.PlanActivitiesImpl;
import io.kubeha.history.HistoryStats;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Chain;
import io.kubeha.workflow.TestInventories;
import io.kubeha.workflow.bringup.BringUpInput;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostGroupImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.engine.BringUpOptions;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubeha's own cost at sizes the lab cannot reach (issue 13): the real workflows on a real dev
 * server, the activities replaced by timed fakes (no SSH), at each size of -Dsim.hosts (default
 * 8,100,500), steps at -Dsim.scale of the lab's measured times (default 0.1), -Dsim.concurrency
 * hosts at once (default 10), more than -Dsim.groupAbove hosts in groups (default: the workflow's,
 * 64). Prints the wall time against the graph's longest chain for the same step times, the worker's
 * CPU and heap (worker and test share this JVM: run it with -Xmx1g to hold the worker to 1 GiB),
 * and the histories of the parent, one HostPrep child and the largest group. On demand:
 * bench/simulate.
 */
class SimulatedScaleBenchmark {
  @TempDir Path state;

  @Test
  void bringUpsOnTimedFakes() throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("sim.hosts", "8,100,500").split(","))
            .map(s -> Integer.parseInt(s.strip()))
            .toList();
    StepDurations durations =
        new StepDurations(Double.parseDouble(System.getProperty("sim.scale", "0.1")));
    int concurrency = Integer.getInteger("sim.concurrency", 10);
    for (int hosts : sizes) {
      // A dev server of its own per size: every size's run has the same workflow ids.
      try (TemporalDevServer server =
          TemporalDevServer.start(
              state.resolve("temporal-" + hosts), TemporalDevServerTest.freePort(), 0, false)) {
        run(server.address(), TestInventories.scaled(hosts, concurrency), durations);
      }
    }
  }

  private void run(String address, Inventory inventory, StepDurations durations) throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    WorkflowClient client = WorkflowClient.newInstance(service);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    try {
      Worker worker = KubehaWorker.newWorker(factory);
      worker.registerWorkflowImplementationTypes(
          ClusterBringUpImpl.class, HostPrepImpl.class, HostGroupImpl.class);
      worker.registerActivitiesImplementations(
          new TimedActivities(durations),
          new InventoryActivitiesImpl(client),
          new PlanActivitiesImpl(client));
      factory.start();

      String cluster = inventory.clusterName();
      ClusterBringUp run = client.newWorkflowStub(ClusterBringUp.class, BringUpOptions.of(cluster));
      long cpuBefore = BringUpBenchmark.processCpuNanos();
      long start = System.nanoTime();
      BringUpResult result;
      String heap;
      try (HeapWatch heapWatch = new HeapWatch()) {
        result =
            run.run(
                new BringUpInput(
                    inventory,
                    state.resolve("admin.conf").toString(),
                    true,
                    false,
                    graph(),
                    Integer.getInteger("sim.groupAbove")));
        heap = heapWatch.summary();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (BringUpBenchmark.processCpuNanos() - cpuBefore) / 1e9;
      assertTrue(result.verify().ok(), "the simulated run verified: " + result.verify());

      BringUpGraph graph = BringUpGraph.of(inventory, PlanRenderer.render(inventory));
      Chain chain = graph.longestChain(t -> durations.task(graph, t));
      // The chain ignores the bound on hosts prepared at once; all the prep work over it does not.
      int bound = inventory.spec().options().workerConcurrency();
      double prepFloor =
          graph.tasks().stream()
                  .filter(t -> t.phase() == Phase.PREPARE_NODES)
                  .mapToLong(t -> durations.task(graph, t))
                  .sum()
              / 1e3
              / bound;
      HistoryStats parent = HistoryStats.of(client.fetchHistory(WorkflowIds.cluster(cluster)));
      HistoryStats child =
          HistoryStats.of(
              client.fetchHistory(WorkflowIds.host(cluster, inventory.workers().get(0).name())));
      List<HistoryStats> groups = groups(client, cluster);
      int hosts = inventory.hosts().size();
      System.out.printf(
          "sim hosts %d concurrency %d scale %s wall-s %.1f chain-s %.1f wall/chain %.2f"
              + " prep-floor-s %.1f worker-cpu-s %.1f parent-events %d parent-kb %d child-events %d"
              + " child-kb %d%n",
          hosts,
          bound,
          durations.scale(),
          wall,
          chain.millis() / 1e3,
          wall * 1e3 / chain.millis(),
          prepFloor,
          cpu,
          parent.events(),
          parent.bytes() >> 10,
          child.events(),
          child.bytes() >> 10);
      System.out.printf(
          "sim hosts %d groups %d group-events-max %d group-kb-max %d%n",
          hosts,
          groups.size(),
          groups.stream().mapToInt(HistoryStats::events).max().orElse(0),
          groups.stream().mapToLong(HistoryStats::bytes).max().orElse(0) >> 10);
      System.out.printf("sim hosts %d %s%n", hosts, heap);
      System.out.printf("sim hosts %d chain %s%n", hosts, chain.tasks());
      System.out.printf("sim hosts %d parent %s%n", hosts, parent.summary(20));
      System.out.printf(
          "sim hosts %d parent's share of Temporal's limits: events %.1f%% bytes %.1f%%%n",
          hosts,
          100.0 * parent.events() / HistoryStats.EVENT_LIMIT,
          100.0 * parent.bytes() / HistoryStats.BYTE_LIMIT);
    } finally {
      factory.shutdown();
      service.shutdownNow();
    }
  }

  /** The histories of the run's groups of hosts (none when it ran every task itself). */
  private static List<HistoryStats> groups(WorkflowClient client, String cluster) {
    List<HistoryStats> groups = new java.util.ArrayList<>();
    for (int i = 1; ; i++) {
      try {
        groups.add(HistoryStats.of(client.fetchHistory(WorkflowIds.hostGroup(cluster, i))));
      } catch (RuntimeException e) {
        // The first index with no run: no more groups.
        return groups;
      }
    }
  }

  /** The graph unless -Dsim.graph=false (phase by phase, for comparison). */
  private static boolean graph() {
    return !"false".equals(System.getProperty("sim.graph"));
  }
}
