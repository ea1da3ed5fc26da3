package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.worker.ChildJvm;
import io.kubeha.worker.LabChecks;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.RunHistory;
import io.kubeha.worker.UpgradeTimes;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.upgrade.UpgradeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HA rolling upgrade, measured (surefire's default includes skip it): a fresh 3-master,
 * 3-worker, 2-LB lab at the previous minor rolled to the default with --max-unavailable 1, then
 * another with 2. Prints each node's time in parts and the roll against its bound (`bench
 * upgrade-node`, `bench upgrade-roll`), and the API through the VIP polled every 200 ms all along.
 * `mvn -o -pl starter -am test -Dtest=UpgradeRollBench -Dsurefire.failIfNoSpecifiedTests=false`
 * (about 14 min per roll on 2 vCPUs; -Dkubeha.bench.maxUnavailable=1 runs that roll only).
 */
class UpgradeRollBench {
  static final String FROM = "1.36.3";

  @TempDir Path state;

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void rollsThreeMastersAndThreeWorkers(int maxUnavailable) throws Exception {
    String only = System.getProperty("kubeha.bench.maxUnavailable");
    assumeTrue(only == null || only.equals(String.valueOf(maxUnavailable)), "-D" + only);
    try (LabCluster cluster = LabCluster.start(3, 3, 2, state);
        ChildJvm worker = ChildJvm.worker(cluster, state.resolve("worker.log"))) {
      Path target = cluster.lab.inventoryPath();
      String to = cluster.inventory.spec().kubernetes().version();
      Path old = state.resolve("inventory-" + FROM + ".yaml");
      Files.writeString(
          old, Files.readString(target).replace("version: " + to, "version: " + FROM));
      cluster.useInventory(old);
      BringUpResult up = cluster.await(cluster.startRun(false));
      assertTrue(up.verify().ok(), "verify: " + up.verify());
      Inventory next = LabCluster.loadInventory(target);
      LabKubernetes k8s = new LabKubernetes(cluster.lab, next, cluster.adminConf());
      long start = System.nanoTime();
      UpgradeResult result;
      String polled;
      List<String> failures;
      try (ClusterJourneyTest.ApiPoller api = ClusterJourneyTest.ApiPoller.start(k8s)) {
        result =
            cluster
                .startUpgrade(next, maxUnavailable)
                .getResult(
                    LabCluster.RUN_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS, UpgradeResult.class);
        polled = api.line();
        failures = api.failures();
      }
      System.out.printf(
          "bench upgrade-ha %s -> %s (3 control planes, 3 workers, --max-unavailable %d) s %.1f;"
              + " %s%n",
          FROM, to, maxUnavailable, (System.nanoTime() - start) / 1e9, polled);
      result
          .phases()
          .forEach(
              p ->
                  System.out.printf(
                      "  %-28s %7d ms  applied %d / %d%n",
                      p.phase(), p.millis(), p.stepsApplied(), p.stepsTotal()));
      RunHistory history = RunHistory.fetch(cluster.client, cluster.workflowId());
      // Each failed poll with the steps under way then: which node's turn, and which part.
      for (String f : failures) {
        java.time.Instant at = java.time.Instant.parse(f.substring(0, f.indexOf(' ')));
        List<String> during =
            history.stepTimes().stream()
                .filter(s -> !s.scheduled().isAfter(at) && !s.completed().isBefore(at))
                .map(s -> s.host() + " " + s.stepId())
                .toList();
        System.out.println(
            "  failed poll during "
                + during
                + ": "
                + f.substring(0, Math.min(f.length(), 200)).replace("\n", " "));
      }
      List<String> masters = next.controlPlanes().stream().map(HostSpec::name).toList();
      List<String> workers =
          next.nodes().stream().map(HostSpec::name).filter(n -> !masters.contains(n)).toList();
      UpgradeTimes.of(history, masters, workers, maxUnavailable)
          .benchLines("3cp-3w-mu" + maxUnavailable)
          .forEach(System.out::println);
      assertEquals(
          List.of(),
          UpgradeTimes.pullProblems(history, cluster, next),
          "every node pulled the release's images before the first drain");

      Map<String, String> want = new TreeMap<>();
      next.nodes().forEach(h -> want.put(h.name(), "Ready v" + KubernetesSpec.DEFAULT_VERSION));
      assertEquals(want, k8s.nodes(), "every node Ready at the new version");
      assertEquals(List.of(), k8s.problems(), "the real cluster after the roll");
      LabChecks lab = new LabChecks(cluster.lab, next);
      assertEquals(1, lab.vipHolders().size(), "one LB holds the VIP");
    }
  }
}
