package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.BringUpResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-master cluster grown to three: `up` again with two control planes added to the inventory
 * joins them one at a time (etcd members through the real etcd), puts them behind nginx on both
 * LBs, and changes nothing else on the existing hosts but their /etc/hosts block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddControlPlanesTest {
  @TempDir static Path state;
  LabCluster cluster;
  KubehaWorker worker;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(1, 1, 2, state);
    worker = KubehaWorker.start(cluster.server.address());
  }

  @AfterAll
  void down() {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  void growsOneControlPlaneToThree() throws Exception {
    BringUpResult first = cluster.await(cluster.startRun(false));
    LabBringUpTest.print("one master", first);
    assertTrue(first.verify().ok(), "verify: " + first.verify());
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    List<String> before = cluster.inventory.hosts().stream().map(HostSpec::name).toList();
    List<String> lbs = cluster.inventory.loadBalancers().stream().map(HostSpec::name).toList();
    String vipHolder = lab.vipHolders().get(0);

    long start = System.nanoTime();
    cluster.lab.addHost("kube-master-2", "control-plane");
    cluster.lab.addHost("kube-master-3", "control-plane");
    long hostsUp = System.nanoTime();
    cluster.reloadInventory();
    BringUpResult grown = cluster.await(cluster.startRun(false));
    long done = System.nanoTime();
    LabBringUpTest.print("two control planes added", grown);
    System.out.printf("bench add-control-planes lab-add-host-s %.1f up-s %.1f%n",
        (hostsUp - start) / 1e9, (done - hostsUp) / 1e9);
    assertTrue(grown.verify().ok(), "verify: " + grown.verify());

    List<RunHistory.Applied> applied = RunHistory.fetch(cluster.client, cluster.workflowId()).applied();
    List<String> want = new ArrayList<>();
    before.forEach(h -> want.add(h + ":hosts-block"));
    lbs.forEach(lb -> want.add(lb + ":nginx"));
    assertEquals(want.stream().sorted().toList(), applied.stream()
            .filter(a -> a.changed() && before.contains(a.host())).map(a -> a.host() + ":" + a.stepId()).sorted().toList(),
        "what the new control planes changed on the existing hosts");

    lab = new LabChecks(cluster.lab, cluster.inventory);
    List<String> masters = cluster.inventory.controlPlanes().stream().map(HostSpec::address).sorted().toList();
    for (String lb : lbs) {
      assertEquals(masters, lab.nginxUpstreams(lb), lb + ": nginx proxies to every control plane");
    }
    assertEquals(List.of(vipHolder), lab.vipHolders(), "the VIP stayed where it was through the nginx reloads");
    Map<String, Integer> joins = new TreeMap<>(Map.of("kube-worker-1", 1, "kube-master-2", 1, "kube-master-3", 1));
    assertEquals(joins, lab.calls("kubeadm", "join"), "each new control plane joined once; nothing joined again");
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    System.out.println(k8s.kubectl("get", "nodes", "-o", "wide"));
    assertEquals(List.of(), k8s.problems(), "three etcd members, three API servers behind the VIP, nodes Ready");
  }
}
