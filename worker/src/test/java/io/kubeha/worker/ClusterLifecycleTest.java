package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CertificateExpiry;
import io.kubeha.inventory.HostSpec;
import io.kubeha.lab.ExecResult;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.CertificatesResult;
import io.kubeha.workflow.ClusterCertificates;
import io.kubeha.workflow.ClusterRemoveNodes;
import io.kubeha.workflow.RemovalResult;
import io.kubeha.workflow.ResetResult;
import io.temporal.client.WorkflowFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cluster through its life, checked through the real kubectl, etcd, nginx and the call logs:
 * one master grown to three by `up` with two control planes added to the inventory; certificates
 * read and renewed on every control plane through a worker kill; a removal stopped by a drain that
 * cannot finish; a worker removed; a control plane removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleTest {
  @TempDir static Path state;
  LabCluster cluster;
  ChildJvm worker; // a separate JVM, so a test can kill -9 it
  Map<String, Integer> resetsWhileGrowing = Map.of();

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(1, 1, 2, state);
    worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker.log"));
  }

  @AfterAll
  void down() throws Exception {
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
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
    // What a control-plane join that died part-way can leave: etcd data and nothing else.
    ExecResult leftover =
        cluster.lab.exec(
            "kube-master-3",
            "sh",
            "-c",
            "mkdir -p /var/lib/etcd/member/snap && echo partial > /var/lib/etcd/member/snap/db");
    assertEquals(0, leftover.exitCode(), "leave etcd data on kube-master-3: " + leftover);
    long hostsUp = System.nanoTime();
    cluster.reloadInventory();
    BringUpResult grown = cluster.await(cluster.startRun(false));
    long done = System.nanoTime();
    LabBringUpTest.print("two control planes added", grown);
    System.out.printf(
        "bench add-control-planes lab-add-host-s %.1f up-s %.1f%n",
        (hostsUp - start) / 1e9, (done - hostsUp) / 1e9);
    assertTrue(grown.verify().ok(), "verify: " + grown.verify());

    List<RunHistory.Applied> applied =
        RunHistory.fetch(cluster.client, cluster.workflowId()).applied();
    List<String> want = new ArrayList<>();
    before.forEach(h -> want.add(h + ":hosts-block"));
    lbs.forEach(lb -> want.add(lb + ":nginx"));
    assertEquals(
        want.stream().sorted().toList(),
        applied.stream()
            .filter(a -> a.changed() && before.contains(a.host()))
            .map(a -> a.host() + ":" + a.stepId())
            .sorted()
            .toList(),
        "what the new control planes changed on the existing hosts");

    lab = new LabChecks(cluster.lab, cluster.inventory);
    List<String> masters =
        cluster.inventory.controlPlanes().stream().map(HostSpec::address).sorted().toList();
    for (String lb : lbs) {
      assertEquals(masters, lab.nginxUpstreams(lb), lb + ": nginx proxies to every control plane");
    }
    assertEquals(
        List.of(vipHolder),
        lab.vipHolders(),
        "the VIP stayed where it was through the nginx reloads");
    Map<String, Integer> joins =
        new TreeMap<>(Map.of("kube-worker-1", 1, "kube-master-2", 1, "kube-master-3", 1));
    assertEquals(
        joins,
        lab.calls("kubeadm", "join"),
        "each new control plane joined once; nothing joined again");
    resetsWhileGrowing = lab.calls("kubeadm", "reset");
    assertEquals(
        Map.of("kube-master-3", 1),
        resetsWhileGrowing,
        "the partial join's etcd data was cleared by a reset, on kube-master-3 only");
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
    System.out.println(k8s.kubectl("get", "nodes", "-o", "wide"));
    assertEquals(
        List.of(),
        k8s.problems(),
        "three etcd members, three API servers behind the VIP, nodes Ready");
  }

  @Test
  @Order(2)
  void certificatesAreReadThenRenewedOneControlPlaneAtATimeThroughAWorkerKill() throws Exception {
    LabKubernetes k8s = k8s();
    List<String> masters = cluster.inventory.controlPlanes().stream().map(HostSpec::name).toList();
    // The check: kubeadm's table agrees with the certificate files themselves.
    CertificatesResult checked =
        cluster
            .startCertificates(false)
            .getResult(
                LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, CertificatesResult.class);
    for (String m : masters) {
      for (Map.Entry<String, String> c : PKI.entrySet()) {
        CertificateExpiry row =
            checked.before().stream()
                .filter(r -> r.host().equals(m) && r.name().equals(c.getKey()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            m + ": no row for " + c.getKey() + " in " + checked.before()));
        assertEquals(
            k8s.notAfter(m, c.getValue()),
            java.time.Instant.parse(row.expires()),
            m + ": " + c.getKey());
      }
    }
    Map<String, java.time.Instant> before = notAfters(k8s, masters);
    String adminBefore = java.nio.file.Files.readString(cluster.adminConf());

    // The renewal of every control plane, the API polled through the VIP all along; the worker
    // killed mid-roll.
    AtomicInteger polls = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> unready = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean polling = new AtomicBoolean(true);
    Thread poller =
        new Thread(
            () -> {
              while (polling.get()) {
                polls.incrementAndGet();
                try {
                  k8s.kubectl("get", "nodes", "-o", "name");
                } catch (RuntimeException e) {
                  failures.add(e.getMessage());
                }
                try {
                  k8s.kubectl("get", "--raw", "/readyz");
                } catch (RuntimeException e) {
                  unready.add(e.getMessage());
                }
                try {
                  Thread.sleep(200); // the polling pace, not a synchronisation
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "readyz-poller");
    poller.start();
    long start = System.nanoTime();
    var stub = cluster.startCertificates(true);
    ClusterCertificates run =
        cluster.client.newWorkflowStub(ClusterCertificates.class, cluster.workflowId());
    String second = masters.get(1);
    LabBringUpTest.waitFor(() -> stepOf(run, second), step -> step.equals("restart-control-plane"));
    worker.kill9();
    worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker-certs.log"));
    System.out.println("worker killed while " + second + " restarted its control plane");
    CertificatesResult renewed;
    try {
      renewed =
          stub.getResult(
              LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, CertificatesResult.class);
    } finally {
      polling.set(false);
      poller.join();
    }
    System.out.printf(
        "bench certs-renew 3 control planes (worker killed) s %.1f; through the VIP %d polls: get nodes"
            + " failed %d, /readyz not ok %d%n",
        (System.nanoTime() - start) / 1e9, polls.get(), failures.size(), unready.size());
    unready.stream().limit(5).forEach(u -> System.out.println("  /readyz: " + u));
    assertEquals(masters, renewed.renewed());
    assertEquals(
        List.of(),
        unready,
        "/readyz through the VIP was not ok during the roll (" + polls.get() + " polls)");
    // Each node leaves the LBs' upstreams while it restarts, so the VIP only ever reaches a serving
    // API server.
    failures.stream().limit(5).forEach(f -> System.out.println("  get nodes: " + f));
    assertEquals(
        List.of(),
        failures,
        "kubectl get nodes through the VIP failed during the roll (" + polls.get() + " polls)");
    Map<String, java.time.Instant> after = notAfters(k8s, masters);
    before.forEach(
        (cert, was) ->
            assertTrue(
                after.get(cert).isAfter(was),
                cert + ": NotAfter " + was + " -> " + after.get(cert)));
    for (String m : masters) {
      assertEquals(
          after.get(m + ":apiserver"),
          k8s.servedNotAfter(m),
          m + ": the running kube-apiserver serves the" + " renewed certificate");
    }
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    Map<String, Integer> once = new TreeMap<>();
    masters.forEach(m -> once.put(m, 1));
    Map<String, Integer> renewCalls = lab.calls("kubeadm", "certs renew");
    if (!once.equals(renewCalls)) {
      // What the lab logged, to tell a retried activity from a second run.
      masters.forEach(
          m ->
              cluster.lab.callLog(m).stream()
                  .filter(l -> l.contains("\tkubeadm\tcerts"))
                  .forEach(l -> System.out.println("  call log " + m + ": " + l)));
      try (var logs = java.nio.file.Files.list(state)) {
        for (java.nio.file.Path log :
            logs.filter(f -> f.getFileName().toString().startsWith("worker")).toList()) {
          java.nio.file.Files.readAllLines(log).stream()
              .filter(l -> l.contains("certs renew") || l.contains("renewal marker"))
              .forEach(l -> System.out.println("  " + log.getFileName() + ": " + l));
        }
      }
    }
    assertEquals(
        once,
        renewCalls,
        "kubeadm certs renew once per control plane, the killed worker's included");
    assertTrue(
        !adminBefore.equals(java.nio.file.Files.readString(cluster.adminConf())),
        "admin.conf replaced");
    assertEquals(
        "ok",
        k8s.kubectl("get", "--raw", "/readyz"),
        "the renewed admin.conf works through the VIP");
    assertEquals(
        List.of(),
        k8s.problems(),
        "three etcd members, three API servers behind the VIP, nodes Ready");
  }

  /**
   * The certificates kubeadm renews that a check is compared with: its name, the file under the
   * host's root.
   */
  private static final Map<String, String> PKI =
      Map.of(
          "apiserver", "etc/kubernetes/pki/apiserver.crt",
          "apiserver-kubelet-client", "etc/kubernetes/pki/apiserver-kubelet-client.crt",
          "apiserver-etcd-client", "etc/kubernetes/pki/apiserver-etcd-client.crt",
          "front-proxy-client", "etc/kubernetes/pki/front-proxy-client.crt",
          "etcd-server", "etc/kubernetes/pki/etcd/server.crt",
          "etcd-peer", "etc/kubernetes/pki/etcd/peer.crt",
          "etcd-healthcheck-client", "etc/kubernetes/pki/etcd/healthcheck-client.crt");

  private static Map<String, java.time.Instant> notAfters(LabKubernetes k8s, List<String> masters) {
    Map<String, java.time.Instant> all = new TreeMap<>();
    masters.forEach(
        m -> PKI.forEach((name, path) -> all.put(m + ":" + name, k8s.notAfter(m, path))));
    return all;
  }

  /**
   * The step the hosts query shows for host ("" when none, or the query fails while no worker
   * runs).
   */
  private static String stepOf(ClusterCertificates run, String host) {
    try {
      return run.hosts().stream()
          .filter(h -> h.host().equals(host))
          .map(h -> h.currentStep() == null ? "" : h.currentStep())
          .findFirst()
          .orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Test
  @Order(3)
  void aDrainThatCannotFinishStopsTheRemovalAndRemovesNothing() throws Exception {
    LabKubernetes k8s = k8s();
    // A bare Pod (no controller) on the worker: kubectl drain refuses to delete it without --force.
    k8s.kubectl(
        "run",
        "pinned",
        "--image=registry.k8s.io/pause:3.10.2",
        "--restart=Never",
        "--overrides={\"apiVersion\":\"v1\",\"spec\":{\"nodeName\":\"kube-worker-1\"}}");
    var stub = cluster.startRemoval(List.of("kube-worker-1"), 30);
    WorkflowFailedException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            WorkflowFailedException.class,
            () ->
                stub.getResult(
                    LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RemovalResult.class));
    String why = causes(failed);
    System.out.println("refused removal: " + why);
    assertTrue(
        why.contains("kube-worker-1")
            && why.contains("drain")
            && why.contains("declare no controller"),
        "the failure says which node and why: " + why);
    assertTrue(k8s.nodes().containsKey("kube-worker-1"), "the node was not deleted anyway");
    assertEquals(
        "true",
        k8s.kubectl("get", "node", "kube-worker-1", "-o", "jsonpath={.spec.unschedulable}"),
        "the node stays cordoned");
    assertEquals(
        Map.of(),
        resetsSinceGrowth(new LabChecks(cluster.lab, cluster.inventory)),
        "nothing was reset");
  }

  @Test
  @Order(4)
  void removesAWorker() throws Exception {
    LabKubernetes k8s = k8s();
    k8s.kubectl("delete", "pod", "pinned", "--wait=true", "--timeout=60s");
    RemovalResult result = remove("kube-worker-1");
    assertEquals(List.of("kube-worker-1"), result.removed());
    assertTrue(!k8s.nodes().containsKey("kube-worker-1"), "the node is gone: " + k8s.nodes());
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    assertEquals(
        Map.of("kube-worker-1", 1), resetsSinceGrowth(lab), "kubeadm reset once, on the worker");
    assertEquals(
        1,
        lab
            .calls("kubectl", "--kubeconfig /etc/kubernetes/admin.conf delete node")
            .values()
            .stream()
            .mapToInt(Integer::intValue)
            .sum(),
        "kubectl delete node once");
    assertTrue(
        cluster
                .lab
                .exec("kube-worker-1", "test", "!", "-e", "/etc/kubernetes/kubelet.conf")
                .exitCode()
            == 0,
        "the worker holds no kubelet.conf");
  }

  @Test
  @Order(5)
  void removesAControlPlane() throws Exception {
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    String vipHolder = lab.vipHolders().get(0);
    long start = System.nanoTime();
    var stub = cluster.startRemoval(List.of("kube-master-3"), 120);
    // kill -9 of the worker once the control plane's reset is under way; a new worker finishes the
    // removal.
    ClusterRemoveNodes run =
        cluster.client.newWorkflowStub(ClusterRemoveNodes.class, cluster.workflowId());
    String killedAt =
        LabBringUpTest.waitFor(
            () -> stepOf(run, "kube-master-3"),
            step ->
                step.equals("kubeadm-reset")
                    || step.equals("etcd-member")
                    || step.equals("delete-node"));
    worker.kill9();
    worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker-2.log"));
    System.out.println("worker killed at kube-master-3 step " + killedAt);
    RemovalResult result =
        stub.getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RemovalResult.class);
    System.out.printf(
        "bench remove kube-master-3 (worker killed) s %.1f%n", (System.nanoTime() - start) / 1e9);
    assertEquals(List.of("kube-master-3"), result.removed());
    assertTrue(
        result.warnings().stream().anyMatch(w -> w.contains("2 control planes")),
        "warns of the even count: " + result.warnings());
    LabKubernetes k8s = k8s();
    assertEquals(
        Map.of("kube-master-1", "started", "kube-master-2", "started"),
        k8s.etcdMembers(),
        "etcd lost the member and kept quorum");
    assertTrue(!k8s.nodes().containsKey("kube-master-3"), "the node is gone: " + k8s.nodes());
    List<String> staying =
        List.of(cluster.lab.address("kube-master-1"), cluster.lab.address("kube-master-2"));
    for (HostSpec lb : cluster.inventory.loadBalancers()) {
      assertEquals(
          staying.stream().sorted().toList(),
          lab.nginxUpstreams(lb.name()),
          lb.name() + ": nginx upstreams");
    }
    assertEquals(List.of(vipHolder), lab.vipHolders(), "the VIP stayed where it was");
    assertEquals("ok", k8s.kubectl("get", "--raw", "/readyz"), "the API answers through the VIP");
    assertEquals(
        Map.of("kube-worker-1", 1, "kube-master-3", 1),
        resetsSinceGrowth(lab),
        "kubeadm reset once per removed node, the killed worker's included");
    assertEquals(
        1,
        lab
            .calls("kubectl", "--kubeconfig /etc/kubernetes/admin.conf drain kube-master-3")
            .values()
            .stream()
            .mapToInt(Integer::intValue)
            .sum(),
        "kube-master-3 drained once");
  }

  @Test
  @Order(6)
  void resetTakesTheClusterDownAndUpBuildsItAnew() throws Exception {
    LabChecks lab = new LabChecks(cluster.lab, cluster.inventory);
    long start = System.nanoTime();
    ResetResult reset =
        cluster
            .startReset()
            .getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, ResetResult.class);
    System.out.printf("bench reset s %.1f%n", (System.nanoTime() - start) / 1e9);
    reset
        .phases()
        .forEach(
            p ->
                System.out.printf(
                    "  %-26s %7d ms  applied %d / %d%n",
                    p.phase(), p.millis(), p.stepsApplied(), p.stepsTotal()));
    Map<String, Integer> once = new TreeMap<>();
    cluster.inventory.nodes().forEach(h -> once.put(h.name(), 1));
    assertEquals(
        once,
        resetsSinceGrowth(lab),
        "kubeadm reset once per node (the removed ones were already)");
    for (HostSpec h : cluster.inventory.nodes()) {
      assertTrue(
          cluster
                  .lab
                  .exec(h.name(), "dpkg-query", "-W", "-f=${Status}", "kubeadm")
                  .stdout()
                  .contains("install ok installed")
              == false,
          h.name() + ": kubeadm is gone");
      assertEquals(
          1,
          cluster.lab.exec(h.name(), "test", "-e", "/etc/kubernetes").exitCode(),
          h.name() + ": no /etc/kubernetes");
      assertEquals(
          1,
          cluster.lab.exec(h.name(), "test", "-e", "/usr/local/bin/containerd").exitCode(),
          h.name() + ": no containerd");
      assertEquals(
          1, lab.hostsBlocks(h.name()), h.name() + ": the OS prep stays (the /etc/hosts block)");
    }
    assertEquals(List.of(), lab.vipHolders(), "keepalived stopped: nobody holds the VIP");

    // up builds it anew: a second kubeadm init on the first master, every node joined again.
    BringUpResult again = cluster.await(cluster.startRun(false));
    LabBringUpTest.print("up after reset", again);
    assertTrue(again.verify().ok(), "verify: " + again.verify());
    assertEquals(
        Map.of("kube-master-1", 2),
        lab.calls("kubeadm", "init --config"),
        "init again after the reset");
    assertEquals(List.of(), k8s().problems(), "the cluster built anew");
  }

  /**
   * The step the hosts query shows for host ("" when none, or the query fails while no worker
   * runs).
   */
  private static String stepOf(ClusterRemoveNodes run, String host) {
    try {
      return run.hosts().stream()
          .filter(h -> h.host().equals(host))
          .map(h -> h.currentStep() == null ? "" : h.currentStep())
          .findFirst()
          .orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private RemovalResult remove(String node) throws Exception {
    long start = System.nanoTime();
    RemovalResult result =
        cluster
            .startRemoval(List.of(node), 120)
            .getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RemovalResult.class);
    System.out.printf("bench remove %s s %.1f%n", node, (System.nanoTime() - start) / 1e9);
    result
        .phases()
        .forEach(
            p ->
                System.out.printf(
                    "  %-26s %7d ms  applied %d / %d%s%n",
                    p.phase(),
                    p.millis(),
                    p.stepsApplied(),
                    p.stepsTotal(),
                    p.skipped() ? "  (skipped)" : ""));
    return result;
  }

  private static String causes(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.append(c.getMessage()).append('\n');
    }
    return out.toString();
  }

  private LabKubernetes k8s() {
    return new LabKubernetes(cluster.lab, cluster.inventory, cluster.adminConf());
  }

  /** kubeadm resets since the first test, which clears a partial join with one. */
  private Map<String, Integer> resetsSinceGrowth(LabChecks lab) {
    Map<String, Integer> since = new TreeMap<>();
    lab.calls("kubeadm", "reset")
        .forEach(
            (host, n) -> {
              int more = n - resetsWhileGrowing.getOrDefault(host, 0);
              if (more > 0) {
                since.put(host, more);
              }
            });
    return since;
  }
}
