package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.ClusterUpgrade;
import io.kubeha.workflow.UpgradeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * N-1 to N with the real kubeadm: a cluster brought up at the previous minor (v1.36.3, built beside
 * the default) is rolled to the default (v1.37.2): the first control plane by `kubeadm upgrade
 * apply`, the workers one at a time by `kubeadm upgrade node`, each drained, upgraded, Ready at the
 * new version and uncordoned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollingUpgradeTest {
  static final String FROM = "1.36.3";

  @TempDir static Path state;
  LabCluster cluster;
  ChildJvm worker;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(1, 2, 2, state);
    worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker.log"));
  }

  @AfterAll
  void down() throws Exception {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  void upgradesThePreviousMinorToTheDefaultNodeByNode() throws Exception {
    Inventory target = cluster.inventory;
    String to = target.spec().kubernetes().version();
    Path old = state.resolve("inventory-" + FROM + ".yaml");
    Files.writeString(
        old,
        Files.readString(cluster.lab.inventoryPath())
            .replace("version: " + to, "version: " + FROM));
    cluster.useInventory(old);
    BringUpResult up = cluster.await(cluster.startRun(false));
    LabBringUpTest.print("bring-up at " + FROM, up);
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    assertEquals(java.util.List.of(), k8s.problems(), "the cluster at " + FROM);

    long start = System.nanoTime();
    var stub = cluster.startUpgrade(target, 1);
    UpgradeResult result =
        stub.getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, UpgradeResult.class);
    System.out.printf(
        "bench upgrade %s -> %s s %.1f%n", FROM, to, (System.nanoTime() - start) / 1e9);
    result
        .phases()
        .forEach(
            p ->
                System.out.printf(
                    "  %-28s %7d ms  applied %d / %d%s%n",
                    p.phase(),
                    p.millis(),
                    p.stepsApplied(),
                    p.stepsTotal(),
                    p.skipped() ? "  (skipped)" : ""));
    String plan =
        cluster.client.newWorkflowStub(ClusterUpgrade.class, cluster.workflowId()).upgradePlan();
    System.out.println(plan);
    assertTrue(plan.contains("v" + to), "kubeadm upgrade plan names the target: " + plan);

    cluster.useInventory(cluster.lab.inventoryPath());
    k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    Map<String, String> want = new TreeMap<>();
    cluster.inventory.nodes().forEach(h -> want.put(h.name(), "Ready v" + to));
    assertEquals(
        want, k8s.nodes(), "every node Ready at the new version, through the real kubectl");
    assertEquals(
        "v" + to,
        k8s.kubectl(
                "-n",
                "kube-system",
                "get",
                "cm",
                "kubeadm-config",
                "-o",
                "jsonpath={.data.ClusterConfiguration}")
            .lines()
            .filter(l -> l.startsWith("kubernetesVersion:"))
            .map(l -> l.split(":")[1].trim())
            .findFirst()
            .orElse(""),
        "the cluster's kubeadm config names the new version");
    assertEquals(
        "",
        k8s.kubectl("get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}").trim(),
        "nothing left cordoned");
    assertEquals(java.util.List.of(), k8s.problems(), "the real cluster after the upgrade");
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    String first = cluster.inventory.firstControlPlane().name();
    assertEquals(
        Map.of(first, 1), lab.calls("kubeadm", "upgrade apply"), "kubeadm upgrade apply once");
    Map<String, Integer> nodeUpgrades = new TreeMap<>();
    cluster.inventory.workers().forEach(h -> nodeUpgrades.put(h.name(), 1));
    assertEquals(
        nodeUpgrades, lab.calls("kubeadm", "upgrade node"), "kubeadm upgrade node once per worker");
    assertTrue(
        cluster
                .lab
                .exec(
                    first,
                    "grep",
                    "-q",
                    "kube-apiserver:v" + to,
                    "/etc/kubernetes/manifests/kube-apiserver.yaml")
                .exitCode()
            == 0,
        "the API server's static Pod runs the new image");
    for (HostSpec h : cluster.inventory.nodes()) {
      assertTrue(result.upgraded().contains(h.name()), h.name() + " in the result");
    }
  }
}
