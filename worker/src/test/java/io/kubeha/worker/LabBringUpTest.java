package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.HostSpec;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.PhaseOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bring-up of the default lab (3 masters, 3 workers, 2 LBs) on a real Temporal server,
 * checked through the lab.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class LabBringUpTest {
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
    for (HostSpec h : cluster.inventory.hosts()) {
      System.out.printf(
          "  ssh connections opened to %-14s %d%n", h.name(), worker.connectionsOpened(h.name()));
      assertTrue(
          worker.connectionsOpened(h.name()) <= 2,
          h.name() + ": one pooled connection, reopened at most once");
    }

    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    List<String> nodes = cluster.inventory.nodes().stream().map(HostSpec::name).sorted().toList();
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    System.out.println(k8s.kubectl("get", "nodes", "-o", "wide"));
    System.out.println("etcd members " + k8s.etcdMembers() + "; /readyz " + k8s.readyz());
    assertEquals(
        List.of(),
        k8s.problems(),
        "the real cluster through kubectl, etcdctl and the certificates");
    assertEquals(
        "ok", lab.healthThroughEndpoint(), "the API answers through VIP:16443 from the other LB");
    assertEquals(1, lab.vipHolders().size(), "exactly one LB holds the VIP: " + lab.vipHolders());
    String ntpServer = cluster.inventory.ntpServer().address();
    for (HostSpec h : cluster.inventory.hosts()) {
      assertEquals(1, lab.hostsBlocks(h.name()), h.name() + ": the /etc/hosts block once");
      if (!h.address().equals(ntpServer)) {
        String host = h.name();
        assertEquals(
            ntpServer,
            waitFor(() -> lab.selectedTimeSource(host), ntpServer::equals),
            host + ": chrony selected the NTP server");
      }
    }
    String first = cluster.inventory.firstControlPlane().name();
    assertEquals(
        Map.of(first, 1), lab.calls("kubeadm", "init --config"), "kubeadm init exactly once");
    Map<String, Integer> joins = lab.calls("kubeadm", "join");
    assertEquals(
        nodes.stream().filter(n -> !n.equals(first)).collect(Collectors.toMap(n -> n, n -> 1)),
        joins,
        "each other node joined exactly once");
    assertTrue(
        result.verify().failover() != null && !result.verify().failover().isBlank(),
        "the failover proof ran: " + result.verify().failover());
    kubectlAnswersThroughTheVipOnTheBackup(lab, k8s);
  }

  /**
   * Stops keepalived where the VIP is; the real API servers still answer kubectl through the VIP on
   * the other LB.
   */
  private static void kubectlAnswersThroughTheVipOnTheBackup(LabChecks lab, LabKubernetes k8s)
      throws Exception {
    String holder = lab.vipHolders().get(0);
    assertEquals(0, lab.lab().exec(holder, "systemctl", "stop", "keepalived").exitCode());
    try {
      List<String> moved = waitFor(lab::vipHolders, h -> h.size() == 1 && !h.contains(holder));
      assertEquals(1, moved.size(), "the VIP moved off " + holder + ": " + moved);
      assertTrue(
          k8s.kubectl("get", "nodes", "-o", "name").contains("node/"),
          "kubectl through the VIP on " + moved);
    } finally {
      assertEquals(0, lab.lab().exec(holder, "systemctl", "start", "keepalived").exitCode());
    }
    assertEquals(1, waitFor(lab::vipHolders, h -> h.size() == 1).size(), "one VIP holder again");
  }

  @Test
  @Order(2)
  void aSecondRunOnTheFinishedClusterAppliesNothing() throws Exception {
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    Map<String, Integer> initsBefore = lab.calls("kubeadm", "init --config");
    Map<String, Integer> joinsBefore = lab.calls("kubeadm", "join");
    BringUpResult result = cluster.await(cluster.startRun(false));
    print("second run", result);
    assertTrue(result.verify().ok(), "verify: " + result.verify());
    for (PhaseOutcome p : result.phases()) {
      assertEquals(0, p.stepsApplied(), p.phase() + " applied nothing on a finished cluster");
    }
    assertEquals(initsBefore, lab.calls("kubeadm", "init --config"), "no second init");
    assertEquals(joinsBefore, lab.calls("kubeadm", "join"), "no second join");
  }

  @Test
  @Order(3)
  void addingAWorkerChangesOnlyItAndEveryHostsBlock() throws Exception {
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    List<String> before = cluster.inventory.hosts().stream().map(HostSpec::name).toList();
    Map<String, Integer> joinsBefore = lab.calls("kubeadm", "join");
    String vipHolder = lab.vipHolders().get(0);
    long start = System.nanoTime();
    cluster.lab.addHost("kube-worker-4", "worker");
    long hostUp = System.nanoTime();
    cluster.reloadInventory();
    BringUpResult result = cluster.await(cluster.startRun(false));
    long done = System.nanoTime();
    print("add kube-worker-4", result);
    System.out.printf(
        "bench add-worker lab-add-host-s %.1f up-s %.1f%n",
        (hostUp - start) / 1e9, (done - hostUp) / 1e9);
    assertTrue(result.verify().ok(), "verify: " + result.verify());

    // Every existing host is checked; the only change on them is the new name in their /etc/hosts
    // block.
    List<RunHistory.Applied> applied =
        RunHistory.fetch(cluster.client, cluster.workflowId()).applied();
    List<String> changedOnExisting =
        applied.stream()
            .filter(a -> a.changed() && before.contains(a.host()))
            .map(a -> a.host() + ":" + a.stepId())
            .sorted()
            .toList();
    assertEquals(
        before.stream().map(h -> h + ":hosts-block").sorted().toList(),
        changedOnExisting,
        "what the new worker changed on the existing hosts");
    assertTrue(
        applied.stream()
            .anyMatch(
                a ->
                    a.host().equals("kube-worker-4")
                        && a.stepId().equals("kubeadm-join")
                        && a.changed()),
        "the new worker joined in this run");

    lab = new LabChecks(cluster.lab, cluster.inventory);
    Map<String, Integer> joins = new java.util.TreeMap<>(joinsBefore);
    joins.put("kube-worker-4", 1);
    assertEquals(
        joins, lab.calls("kubeadm", "join"), "one join, of the new worker; none again elsewhere");
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    assertEquals(List.of(), k8s.problems(), "the real cluster with the new worker Ready");
    for (HostSpec h : cluster.inventory.hosts()) {
      assertEquals(1, lab.hostsBlocks(h.name()), h.name() + ": the /etc/hosts block once");
    }
    assertEquals(List.of(vipHolder), lab.vipHolders(), "the VIP stayed where it was");
  }

  /** Polls value until it satisfies done or 30 s pass; returns the last value seen. */
  static <T> T waitFor(Supplier<T> value, Predicate<T> done) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250); // polling interval of a wait with a deadline
      last = value.get();
    }
    return last;
  }

  public static void print(String title, BringUpResult result) {
    System.out.println("== " + title + ": " + result.cluster());
    for (PhaseOutcome p : result.phases()) {
      System.out.printf(
          "  %-26s %7d ms  applied %3d / %3d%s%n",
          p.phase(),
          p.millis(),
          p.stepsApplied(),
          p.stepsTotal(),
          p.skipped() ? "  (skipped)" : "");
    }
  }
}
