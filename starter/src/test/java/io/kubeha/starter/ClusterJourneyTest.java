package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.CertificateExpiry;
import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.lab.ExecResult;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.CertificatesResult;
import io.kubeha.workflow.CheckInput;
import io.kubeha.workflow.CheckResult;
import io.kubeha.workflow.ClusterCertificates;
import io.kubeha.workflow.ClusterCheck;
import io.kubeha.workflow.ClusterRemoveNodes;
import io.kubeha.workflow.ClusterUpgrade;
import io.kubeha.workflow.HostStatus;
import io.kubeha.workflow.PhaseOutcome;
import io.kubeha.workflow.RemovalResult;
import io.kubeha.workflow.ResetResult;
import io.kubeha.workflow.TaskQueues;
import io.kubeha.workflow.UpgradeResult;
import io.kubeha.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * One real-node cluster through every operation, with a workload serving all along: brought up at
 * the previous minor (v1.36.3) with one control plane, two workers and two LBs; `kubeha check`'s
 * workload kept under a PodDisruptionBudget and probed through its NodePort every 200 ms; rolled to
 * the default (v1.37.2), every node drained for real; grown to three control planes and three
 * workers; the VIP holder and a control plane cut off; certificates renewed through a worker kill;
 * a blocked drain; a worker and a control plane removed; reset, and built anew. Everything is
 * checked through the real kubectl, etcd, nginx, the hosts and the lab's call logs. One cluster for
 * all of it: each operation starts from what the one before left, as on a real cluster, and the
 * suite pays for one lab.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJourneyTest {
  static final String FROM = "1.36.3";
  private static final Duration SETTLE = Duration.ofMinutes(3);

  @TempDir static Path state;
  LabCluster cluster;
  ChildJvm worker; // a separate JVM, so a test can kill -9 it
  ServiceProber prober;
  Map<String, Integer> resetsWhileGrowing = Map.of();
  String to;

  @BeforeAll
  void up() throws Exception {
    cluster = LabCluster.start(1, 2, 2, state);
    worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker.log"));
    to = cluster.inventory.spec().kubernetes().version();
    cluster.useInventory(atPreviousMinor());
  }

  @AfterAll
  void down() throws Exception {
    if (prober != null) prober.close();
    if (worker != null) worker.close();
    if (cluster != null) cluster.close();
  }

  @Test
  @Order(1)
  void bringsUpThePreviousMinorWithEveryPodRunning() throws Exception {
    BringUpResult result = cluster.await(cluster.startRun(true));
    LabCluster.print("bring-up at " + FROM, result);
    assertTrue(result.verify().ok(), "verify: " + result.verify());
    assertTrue(
        result.verify().failover() != null && !result.verify().failover().isBlank(),
        "the failover proof ran: " + result.verify().failover());
    List<String> log = Files.readAllLines(state.resolve("worker.log"));
    for (HostSpec h : cluster.inventory.hosts()) {
      long opened = log.stream().filter(l -> l.contains(h.name() + ": connected to ")).count();
      System.out.printf("  ssh connections opened to %-14s %d%n", h.name(), opened);
      assertTrue(opened <= 2, h.name() + ": one pooled connection, reopened at most once");
    }

    LabChecks lab = checks();
    LabKubernetes k8s = k8s();
    System.out.println(k8s.kubectl("get", "nodes", "-o", "wide"));
    assertEquals(List.of(), k8s.problems(), "the real cluster through kubectl and etcd");
    LabWorkload pods = new LabWorkload(k8s);
    assertEquals(List.of(), pods.notRunning(), "every Pod Running and Ready, none Pending");
    Map<String, String> runtimes = new TreeMap<>();
    cluster
        .inventory
        .nodes()
        .forEach(h -> runtimes.put(h.name(), "containerd://" + cluster.lab.containerdVersion()));
    assertEquals(runtimes, pods.runtimes(), "the real containerd runs every node");
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
            LabCluster.waitFor(() -> lab.selectedTimeSource(host), ntpServer::equals),
            host + ": chrony selected the NTP server");
      }
    }
    String first = cluster.inventory.firstControlPlane().name();
    assertEquals(
        Map.of(first, 1), lab.calls("kubeadm", "init --config"), "kubeadm init exactly once");
    assertEquals(
        onceEach(
            cluster.inventory.nodes().stream().map(HostSpec::name).filter(n -> !n.equals(first))),
        lab.calls("kubeadm", "join"),
        "each other node joined exactly once");
  }

  @Test
  @Order(2)
  void checkKeepsAWorkloadThatAnswersFromEveryNode() throws Exception {
    String name = cluster.inventory.clusterName();
    ClusterCheck check =
        cluster.client.newWorkflowStub(
            ClusterCheck.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.check(name))
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
    WorkflowClient.start(
        check::run, new CheckInput(cluster.inventory, CheckWorkload.DEFAULT_IMAGE, true));
    CheckResult result =
        WorkflowStub.fromTyped(check).getResult(10, TimeUnit.MINUTES, CheckResult.class);
    WorkloadCheckResult workload = result.workload();
    workload.probes().forEach(p -> System.out.println("  " + p.line()));
    assertEquals(List.of(), workload.failed(), "every probe answered");
    assertTrue(result.verified().ok(), "verified first: " + result.verified());
    assertEquals(CheckWorkload.REPLICAS, workload.pods().size(), "Pods: " + workload.pods());
    assertTrue(workload.podNodes().size() >= 2, "spread over the workers: " + workload.pods());
    for (HostSpec node : cluster.inventory.nodes()) {
      for (String kind : List.of("ClusterIP ", "NodePort " + node.address() + ":", "DNS ")) {
        assertTrue(
            workload.probes().stream()
                .anyMatch(p -> p.from().equals(node.name()) && p.what().startsWith(kind) && p.ok()),
            node.name() + ": a " + kind.strip() + " probe that answered: " + workload.probes());
      }
    }
    assertTrue(
        workload.probes().stream().anyMatch(p -> p.what().startsWith("Pod ") && p.ok()),
        "Pod to Pod across nodes: " + workload.probes());
    for (WorkloadProbe p : workload.probes()) {
      if (p.what().startsWith("ClusterIP") || p.what().startsWith("NodePort")) {
        assertTrue(
            workload.pods().stream().anyMatch(pod -> pod.name().equals(p.detail())),
            "answered by one of the Pods: " + p.line());
      }
    }

    // Kept, through the cluster: the Pods stay Ready; from now on a PDB guards them and a client
    // probes the Service through the workers' NodePort.
    LabWorkload pods = workload();
    assertEquals(
        CheckWorkload.REPLICAS, pods.readyWorkload().size(), "kept: " + pods.workloadPods());
    pods.protect(2, state);
    prober = ServiceProber.start(pods.nodePort(), workers());
  }

  @Test
  @Order(4)
  void growsToThreeControlPlanesAndThreeWorkersWithTheWorkloadServing() throws Exception {
    LabChecks lab = checks();
    List<String> before = cluster.inventory.hosts().stream().map(HostSpec::name).toList();
    List<String> lbs = cluster.inventory.loadBalancers().stream().map(HostSpec::name).toList();
    String vipHolder = lab.vipHolders().get(0);
    Map<String, Integer> joinsBefore = lab.calls("kubeadm", "join");

    prober.mark("grow");
    long start = System.nanoTime();
    cluster.lab.addHost("kube-master-2", "control-plane");
    cluster.lab.addHost("kube-master-3", "control-plane");
    cluster.lab.addHost("kube-worker-3", "worker");
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
    LabCluster.print("two control planes and a worker added", grown);
    System.out.printf(
        "bench add-2-control-planes-1-worker lab-add-host-s %.1f up-s %.1f%n",
        (hostsUp - start) / 1e9, (done - hostsUp) / 1e9);
    ServiceProber.Stretch served = prober.mark("after growing");
    System.out.println(served.line());
    assertTrue(grown.verify().ok(), "verify: " + grown.verify());
    assertEquals(List.of(), served.failures(), "the Service answered while the cluster grew");

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
        "what the new nodes changed on the existing hosts");

    lab = checks();
    List<String> masters =
        cluster.inventory.controlPlanes().stream().map(HostSpec::address).sorted().toList();
    for (String lb : lbs) {
      assertEquals(masters, lab.nginxUpstreams(lb), lb + ": nginx proxies to every control plane");
    }
    assertEquals(List.of(vipHolder), lab.vipHolders(), "the VIP stayed through the nginx reloads");
    Map<String, Integer> joins = new TreeMap<>(joinsBefore);
    List.of("kube-master-2", "kube-master-3", "kube-worker-3").forEach(n -> joins.put(n, 1));
    assertEquals(joins, lab.calls("kubeadm", "join"), "each new node joined once, none again");
    resetsWhileGrowing = lab.calls("kubeadm", "reset");
    assertEquals(
        Map.of("kube-master-3", 1),
        resetsWhileGrowing,
        "the partial join's etcd data was cleared by a reset, on kube-master-3 only");
    LabKubernetes k8s = k8s();
    System.out.println(k8s.kubectl("get", "nodes", "-o", "wide"));
    assertEquals(List.of(), k8s.problems(), "three etcd members behind the VIP, nodes Ready");
    LabWorkload pods = workload();
    for (String node : List.of("kube-master-2", "kube-master-3", "kube-worker-3")) {
      assertEquals(List.of(), pods.daemonSetsMissingOn(node), node + " runs every DaemonSet");
    }
    assertEquals(List.of(), pods.notRunning(), "every Pod Running and Ready");
    prober.probeThrough(workers());
  }

  @Test
  @Order(5)
  void aSecondRunOnTheFinishedClusterAppliesNothing() throws Exception {
    LabChecks lab = checks();
    Map<String, Integer> initsBefore = lab.calls("kubeadm", "init --config");
    Map<String, Integer> joinsBefore = lab.calls("kubeadm", "join");
    BringUpResult result = cluster.await(cluster.startRun(false));
    LabCluster.print("second run", result);
    assertTrue(result.verify().ok(), "verify: " + result.verify());
    for (PhaseOutcome p : result.phases()) {
      assertEquals(0, p.stepsApplied(), p.phase() + " applied nothing on a finished cluster");
    }
    assertEquals(initsBefore, lab.calls("kubeadm", "init --config"), "no second init");
    assertEquals(joinsBefore, lab.calls("kubeadm", "join"), "no second join");
  }

  @Test
  @Order(6)
  void theApiAndTheServiceAnswerWithTheVipHolderAndAControlPlaneCutOff() throws Exception {
    LabChecks lab = checks();
    LabKubernetes k8s = k8s();
    prober.mark("failover");
    String holder = lab.vipHolders().get(0);
    String other =
        cluster.inventory.loadBalancers().stream()
            .map(HostSpec::name)
            .filter(n -> !n.equals(holder))
            .findFirst()
            .orElseThrow();
    try (ApiPoller api = ApiPoller.start(k8s)) {
      cluster.lab.cut(holder);
      Instant cut = Instant.now();
      assertTrue(
          LabCluster.waitFor(lab::vipHolders, h -> h.contains(other)).contains(other),
          "the VIP moved to " + other);
      assertEquals("ok", answerWithin(k8s, Duration.ofSeconds(30)), "kubectl through the VIP");
      System.out.printf(
          "failover: %s cut, the API answered through the VIP on %s after %.1f s%n",
          holder, other, Duration.between(cut, Instant.now()).toMillis() / 1e3);

      cluster.lab.cut("kube-master-2");
      cut = Instant.now();
      assertEquals("ok", answerWithin(k8s, Duration.ofSeconds(30)), "kubectl with a master cut");
      System.out.printf(
          "failover: kube-master-2 cut, the API answered after %.1f s%n",
          Duration.between(cut, Instant.now()).toMillis() / 1e3);
      // Half a minute with both cut: the API and the Service keep answering.
      for (int i = 0; i < 6; i++) {
        assertEquals("ok", answerWithin(k8s, Duration.ofSeconds(10)), "kubectl, round " + i);
        Thread.sleep(5_000); // the length of the outage, not a synchronisation
      }
      System.out.println(api.line());
    } finally {
      cluster.lab.heal("kube-master-2");
      cluster.lab.heal(holder);
    }
    ServiceProber.Stretch served = prober.mark("after failover");
    System.out.println(served.line());
    served.failures().stream().limit(10).forEach(f -> System.out.println("  " + f));
    assertEquals(List.of(), served.failures(), "the Service answered through the workers");
    assertEquals(1, settle(lab::vipHolders, h -> h.size() == 1).size(), "one VIP holder again");
    assertEquals(List.of(), settle(k8s::problems, List::isEmpty), "healed: members, nodes Ready");
  }

  @Test
  @Order(7)
  void certificatesAreReadThenRenewedOneControlPlaneAtATimeThroughAWorkerKill() throws Exception {
    LabKubernetes k8s = k8s();
    List<String> masters = cluster.inventory.controlPlanes().stream().map(HostSpec::name).toList();
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
                .orElseThrow(() -> new AssertionError(m + ": no row for " + c.getKey()));
        assertEquals(
            k8s.notAfter(m, c.getValue()), Instant.parse(row.expires()), m + ": " + c.getKey());
      }
    }
    Map<String, Instant> before = notAfters(k8s, masters);
    String adminBefore = Files.readString(cluster.adminConf());

    prober.mark("certificates");
    long start = System.nanoTime();
    CertificatesResult renewed;
    String polled;
    try (ApiPoller api = ApiPoller.start(k8s)) {
      var stub = cluster.startCertificates(true);
      ClusterCertificates run =
          cluster.client.newWorkflowStub(ClusterCertificates.class, cluster.workflowId());
      String second = masters.get(1);
      LabCluster.waitFor(
          () -> stepOf(run::hosts, second), step -> step.equals("restart-control-plane"));
      worker.kill9();
      worker = ChildJvm.worker(cluster.server.address(), state.resolve("worker-certs.log"));
      System.out.println("worker killed while " + second + " restarted its control plane");
      renewed =
          stub.getResult(
              LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, CertificatesResult.class);
      polled = api.line();
      // An answer slower than kubectl's 20 s (this 2-CPU machine runs eight hosts; a node's etcd
      // restart moves the leader) is reported; an error answer is an outage.
      assertEquals(List.of(), api.errors(), "the API through the VIP during the roll");
      assertTrue(api.slow().size() <= 2, "slow answers through the VIP: " + api.slow());
    }
    System.out.printf(
        "bench certs-renew 3 control planes (worker killed) s %.1f; %s%n",
        (System.nanoTime() - start) / 1e9, polled);
    assertEquals(masters, renewed.renewed());
    Map<String, Instant> after = notAfters(k8s, masters);
    before.forEach(
        (cert, was) ->
            assertTrue(
                after.get(cert).isAfter(was),
                cert + ": NotAfter " + was + " -> " + after.get(cert)));
    for (String m : masters) {
      assertEquals(
          after.get(m + ":apiserver"),
          k8s.servedNotAfter(m),
          m + ": the running kube-apiserver serves the renewed certificate");
    }
    assertEquals(
        onceEach(masters.stream()),
        checks().calls("kubeadm", "certs renew"),
        "kubeadm certs renew once per control plane, the killed worker's included");
    assertTrue(!adminBefore.equals(Files.readString(cluster.adminConf())), "admin.conf replaced");
    assertEquals("ok", k8s.kubectl("get", "--raw", "/readyz"), "the renewed admin.conf works");
    ServiceProber.Stretch served = prober.mark("after certificates");
    System.out.println(served.line());
    assertEquals(List.of(), served.failures(), "the Service answered during the renewal");
  }

  @Test
  @Order(3)
  void upgradesToTheDefaultUnderThePdbWithTheServiceAnswering() throws Exception {
    Path target = cluster.lab.inventoryPath();
    Inventory next = LabCluster.loadInventory(target);
    LabWorkload pods = workload();
    Set<String> uidsBefore =
        pods.workloadPods().values().stream().map(LabWorkload.Pod::uid).collect(Collectors.toSet());
    prober.mark("upgrade");
    long start = System.nanoTime();
    UpgradeResult result;
    try (EndpointWatch endpoints = EndpointWatch.start(k8s())) {
      result =
          cluster
              .startUpgrade(next, 1)
              .getResult(
                  LabCluster.RUN_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS, UpgradeResult.class);
      endpoints.changes().forEach(c -> System.out.println("  endpoints " + c));
    }
    ServiceProber.Stretch served = prober.mark("after upgrade");
    System.out.println("  answered by " + served.answeredBy());
    System.out.printf(
        "bench upgrade %s -> %s (1 control plane, 2 workers, --max-unavailable 1) s %.1f%n",
        FROM, to, (System.nanoTime() - start) / 1e9);
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
    System.out.println(served.line());
    served.failures().stream().limit(10).forEach(f -> System.out.println("  " + f));
    String plan =
        cluster.client.newWorkflowStub(ClusterUpgrade.class, cluster.workflowId()).upgradePlan();
    assertTrue(plan.contains("v" + to), "kubeadm upgrade plan names the target: " + plan);

    cluster.useInventory(target);
    LabKubernetes k8s = k8s();
    Map<String, String> want = new TreeMap<>();
    cluster.inventory.nodes().forEach(h -> want.put(h.name(), "Ready v" + to));
    assertEquals(want, k8s.nodes(), "every kubelet restarted at the new version and Ready");
    assertEquals(
        "",
        k8s.kubectl("get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}").trim(),
        "nothing left cordoned");
    assertEquals(List.of(), k8s.problems(), "the real cluster after the upgrade");
    LabChecks lab = checks();
    String first = cluster.inventory.firstControlPlane().name();
    assertEquals(
        Map.of(first, 1), lab.calls("kubeadm", "upgrade apply"), "kubeadm upgrade apply once");
    assertEquals(
        onceEach(
            cluster.inventory.nodes().stream().map(HostSpec::name).filter(n -> !n.equals(first))),
        lab.calls("kubeadm", "upgrade node"),
        "kubeadm upgrade node once on every other node");
    pods = workload();
    assertEquals(
        "registry.k8s.io/kube-proxy:v" + to,
        pods.image("daemonset", "kube-proxy"),
        "kube-proxy at the new release");
    assertEquals(
        coreDnsImage(), pods.image("deployment", "coredns"), "CoreDNS at the new release's");
    Map<String, LabWorkload.Pod> after = pods.workloadPods();
    assertTrue(
        after.values().stream().noneMatch(p -> uidsBefore.contains(p.uid())),
        "every workload Pod was evicted by a drain and rescheduled: " + after);
    assertEquals(CheckWorkload.REPLICAS, pods.readyWorkload().size(), "Ready: " + after);
    assertEquals(List.of(), settle(pods::notRunning, List::isEmpty), "every Pod Running and Ready");
    assertEquals(List.of(), served.failures(), "the Service answered all through the roll");
    for (HostSpec h : cluster.inventory.nodes()) {
      assertTrue(result.upgraded().contains(h.name()), h.name() + " in the result");
    }
  }

  @Test
  @Order(8)
  void aDrainThatCannotFinishStopsTheRemovalAndRemovesNothing() throws Exception {
    LabKubernetes k8s = k8s();
    // A bare Pod (no controller) on the worker: kubectl drain refuses to delete it without --force.
    k8s.kubectl(
        "run",
        "pinned",
        "--image=registry.k8s.io/pause:3.10.2",
        "--restart=Never",
        "--overrides={\"apiVersion\":\"v1\",\"spec\":{\"nodeName\":\"kube-worker-1\"}}");
    prober.probeThrough(workers("kube-worker-1"));
    var stub = cluster.startRemoval(List.of("kube-worker-1"), 30);
    WorkflowFailedException failed =
        assertThrows(
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
    assertEquals(Map.of(), resetsSinceGrowth(checks()), "nothing was reset");
  }

  @Test
  @Order(9)
  void removesAWorkerWhoseWorkloadPodsMoveElsewhere() throws Exception {
    LabKubernetes k8s = k8s();
    k8s.kubectl("delete", "pod", "pinned", "--wait=true", "--timeout=60s");
    prober.mark("remove a worker");
    RemovalResult result = remove("kube-worker-1");
    ServiceProber.Stretch served = prober.mark("after removing a worker");
    System.out.println(served.line());
    assertEquals(List.of("kube-worker-1"), result.removed());
    assertTrue(!k8s.nodes().containsKey("kube-worker-1"), "the node is gone: " + k8s.nodes());
    LabWorkload pods = workload();
    assertEquals(
        CheckWorkload.REPLICAS,
        settle(pods::readyWorkload, r -> r.size() == CheckWorkload.REPLICAS).size(),
        "the workload is whole on the other workers: " + pods.workloadPods());
    assertTrue(
        pods.workloadPods().values().stream().noneMatch(p -> p.node().equals("kube-worker-1")),
        "no workload Pod on the removed worker: " + pods.workloadPods());
    assertEquals(List.of(), served.failures(), "the Service answered through the removal");
    LabChecks lab = checks();
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
    assertEquals(
        0,
        cluster
            .lab
            .exec("kube-worker-1", "test", "!", "-e", "/etc/kubernetes/kubelet.conf")
            .exitCode(),
        "the worker holds no kubelet.conf");
  }

  @Test
  @Order(10)
  void removesAControlPlaneThroughAWorkerKill() throws Exception {
    LabChecks lab = checks();
    String vipHolder = lab.vipHolders().get(0);
    int drainsBefore = drainsOf(lab, "kube-master-3"); // the upgrade drained it too
    prober.mark("remove a control plane");
    long start = System.nanoTime();
    var stub = cluster.startRemoval(List.of("kube-master-3"), 120);
    ClusterRemoveNodes run =
        cluster.client.newWorkflowStub(ClusterRemoveNodes.class, cluster.workflowId());
    String killedAt =
        LabCluster.waitFor(
            () -> stepOf(run::hosts, "kube-master-3"),
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
    ServiceProber.Stretch served = prober.mark("after removing a control plane");
    System.out.println(served.line());
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
        drainsBefore + 1, drainsOf(lab, "kube-master-3"), "kube-master-3 drained once more");
    assertEquals(List.of(), served.failures(), "the Service answered through the removal");
  }

  @Test
  @Order(11)
  void resetLeavesNoContainerNetworkOrStateAndUpBuildsItAnew() throws Exception {
    prober.close();
    prober = null;
    LabChecks lab = checks();
    long start = System.nanoTime();
    ResetResult reset =
        cluster
            .startReset()
            .getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, ResetResult.class);
    System.out.printf("bench reset s %.1f%n", (System.nanoTime() - start) / 1e9);
    reset.phases().forEach(p -> System.out.printf("  %-26s %7d ms%n", p.phase(), p.millis()));
    assertEquals(
        onceEach(cluster.inventory.nodes().stream().map(HostSpec::name)),
        resetsSinceGrowth(lab),
        "kubeadm reset once per node (the removed ones were already)");
    for (HostSpec h : cluster.inventory.nodes()) {
      String n = h.name();
      String left =
          cluster
              .lab
              .exec(n, "sh", "-c", "pgrep -a 'containerd|runc|kube|etcd|flanneld' || true")
              .stdout()
              .strip();
      if (!left.isEmpty()) {
        System.out.println(n + " after reset:\n" + cluster.lab.exec(n, "ps", "-ef").stdout());
        System.out.println(
            cluster.lab.exec(n, "sh", "-c", "journalctl -b --no-pager | tail -80").stdout());
      }
      assertEquals("", left, n + ": no container, runtime or Kubernetes process left");
      assertEquals(
          "",
          cluster
              .lab
              .exec(n, "sh", "-c", "ip -o link show | grep -E 'cni0|flannel|veth' || true")
              .stdout()
              .strip(),
          n + ": no CNI interface left");
      assertEquals(
          "0",
          cluster
              .lab
              .exec(n, "sh", "-c", "iptables-save | grep -cE 'KUBE-|FLANNEL|CNI-' || true")
              .stdout()
              .strip(),
          n + ": no kube-proxy or CNI rule left");
      for (String dir :
          List.of(
              "/etc/kubernetes",
              "/var/lib/kubelet",
              "/var/lib/etcd",
              "/etc/containerd",
              "/var/lib/containerd/io.containerd.content.v1.content",
              "/etc/cni/net.d",
              "/var/lib/cni",
              "/run/flannel",
              "/usr/local/bin/containerd")) {
        assertEquals(1, cluster.lab.exec(n, "test", "-e", dir).exitCode(), n + ": no " + dir);
      }
      assertEquals(1, lab.hostsBlocks(n), n + ": the OS prep stays (the /etc/hosts block)");
    }
    assertEquals(List.of(), lab.vipHolders(), "keepalived stopped: nobody holds the VIP");

    // up builds it anew: a second kubeadm init on the first master, every node joined again.
    BringUpResult again = cluster.await(cluster.startRun(false));
    LabCluster.print("up after reset", again);
    assertTrue(again.verify().ok(), "verify: " + again.verify());
    assertEquals(
        Map.of("kube-master-1", 2),
        lab.calls("kubeadm", "init --config"),
        "init again after the reset");
    assertEquals(List.of(), k8s().problems(), "the cluster built anew");
    assertEquals(List.of(), workload().notRunning(), "every Pod Running and Ready");
  }

  /** The lab's inventory at the previous minor (the lab writes the default's). */
  private Path atPreviousMinor() throws Exception {
    Path old = state.resolve("inventory-" + FROM + ".yaml");
    Files.writeString(
        old,
        Files.readString(cluster.lab.inventoryPath())
            .replace("version: " + to, "version: " + FROM));
    return old;
  }

  /** The workers as the prober's targets ("name=address"), but the ones named. */
  private List<String> workers(String... but) {
    return cluster.inventory.workers().stream()
        .filter(h -> !List.of(but).contains(h.name()))
        .map(h -> h.name() + "=" + h.address())
        .toList();
  }

  /** The CoreDNS image the default release's kubeadm names. */
  private String coreDnsImage() {
    String cache =
        System.getenv()
            .getOrDefault(
                "KUBEHA_K8S_CACHE", System.getProperty("user.home") + "/.cache/kubeha/kubernetes");
    try {
      Process p =
          new ProcessBuilder(
                  Path.of(cache, "v" + to, "bin", "kubeadm").toString(),
                  "config",
                  "images",
                  "list",
                  "--kubernetes-version",
                  "v" + to)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubeadm: " + out);
      return out.lines().filter(l -> l.contains("coredns")).findFirst().orElseThrow().strip();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private RemovalResult remove(String node) throws Exception {
    long start = System.nanoTime();
    RemovalResult result =
        cluster
            .startRemoval(List.of(node), 120)
            .getResult(LabCluster.RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS, RemovalResult.class);
    System.out.printf("bench remove %s s %.1f%n", node, (System.nanoTime() - start) / 1e9);
    return result;
  }

  /** kubeadm resets since the growth, which clears a partial join with one. */
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

  private static int drainsOf(LabChecks lab, String node) {
    return lab
        .calls("kubectl", "--kubeconfig /etc/kubernetes/admin.conf drain " + node)
        .values()
        .stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  private static Map<String, Integer> onceEach(java.util.stream.Stream<String> names) {
    return names.collect(Collectors.toMap(n -> n, n -> 1, Integer::sum, TreeMap::new));
  }

  /** Polls until done or SETTLE passes; returns the last value seen. */
  private static <T> T settle(Supplier<T> value, java.util.function.Predicate<T> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(SETTLE);
    T last = value.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000); // polling interval of a wait with a deadline
      last = value.get();
    }
    return last;
  }

  /** "ok" once /readyz answers through the VIP, or the last error after within. */
  private static String answerWithin(LabKubernetes k8s, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        return k8s.kubectl("get", "--raw", "/readyz").strip();
      } catch (RuntimeException e) {
        last = e.getMessage();
      }
      Thread.sleep(200); // polling interval of a wait with a deadline
    }
    return last;
  }

  /** The step the hosts query shows for host ("" when none, or while no worker answers). */
  private static String stepOf(Supplier<List<HostStatus>> hosts, String host) {
    try {
      return hosts.get().stream()
          .filter(h -> h.host().equals(host))
          .map(h -> h.currentStep() == null ? "" : h.currentStep())
          .findFirst()
          .orElse("");
    } catch (RuntimeException e) {
      return "";
    }
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

  private LabWorkload workload() {
    return new LabWorkload(k8s());
  }

  private LabChecks checks() {
    return new LabChecks(cluster.lab, cluster.inventory);
  }

  /** The certificates kubeadm renews that a check is compared with, by their files. */
  private static final Map<String, String> PKI =
      Map.of(
          "apiserver", "etc/kubernetes/pki/apiserver.crt",
          "apiserver-kubelet-client", "etc/kubernetes/pki/apiserver-kubelet-client.crt",
          "apiserver-etcd-client", "etc/kubernetes/pki/apiserver-etcd-client.crt",
          "front-proxy-client", "etc/kubernetes/pki/front-proxy-client.crt",
          "etcd-server", "etc/kubernetes/pki/etcd/server.crt",
          "etcd-peer", "etc/kubernetes/pki/etcd/peer.crt",
          "etcd-healthcheck-client", "etc/kubernetes/pki/etcd/healthcheck-client.crt");

  private static Map<String, Instant> notAfters(LabKubernetes k8s, List<String> masters) {
    Map<String, Instant> all = new TreeMap<>();
    masters.forEach(
        m -> PKI.forEach((name, path) -> all.put(m + ":" + name, k8s.notAfter(m, path))));
    return all;
  }

  /**
   * The workload's endpoints and Pods every 5 s while an operation runs, kept when they change:
   * what the Service routed to when a probe failed.
   */
  static final class EndpointWatch implements AutoCloseable {
    private final List<String> changes = Collections.synchronizedList(new ArrayList<>());
    private final Repeating loop;
    private String last = "";

    private EndpointWatch(LabKubernetes k8s) {
      loop = Repeating.every(Duration.ofSeconds(5), "endpoint-watch", () -> look(k8s));
    }

    private void look(LabKubernetes k8s) {
      String now;
      try {
        now =
            k8s.kubectl(
                    "-n",
                    CheckWorkload.NAMESPACE,
                    "get",
                    "endpointslices,pods",
                    "-o",
                    "custom-columns=KIND:.kind,NAME:.metadata.name,IP:.status.podIP,"
                        + "NODE:.spec.nodeName,"
                        + "ENDPOINTS:.endpoints[*].addresses[0],"
                        + "EPREADY:.endpoints[*].conditions.ready,"
                        + "EPNODE:.endpoints[*].nodeName",
                    "--no-headers")
                .strip();
      } catch (RuntimeException e) {
        now = "kubectl failed: " + e.getMessage();
      }
      if (!now.equals(last)) {
        changes.add(Instant.now() + "\n" + now);
        last = now;
      }
    }

    static EndpointWatch start(LabKubernetes k8s) {
      return new EndpointWatch(k8s);
    }

    List<String> changes() {
      return List.copyOf(changes);
    }

    @Override
    public void close() throws InterruptedException {
      loop.close();
    }
  }

  /** kubectl /readyz and get nodes through the VIP every 200 ms, counting what failed. */
  static final class ApiPoller implements AutoCloseable {
    private final AtomicInteger polls = new AtomicInteger();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Repeating loop;

    private ApiPoller(LabKubernetes k8s) {
      loop =
          Repeating.every(
              Duration.ofMillis(200),
              "api-poller",
              () -> {
                polls.incrementAndGet();
                try {
                  k8s.kubectl("get", "--raw", "/readyz");
                  k8s.kubectl("get", "nodes", "-o", "name");
                } catch (RuntimeException e) {
                  failures.add(Instant.now() + " " + e.getMessage());
                }
              });
    }

    static ApiPoller start(LabKubernetes k8s) {
      return new ApiPoller(k8s);
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    /** The calls that timed out waiting for an answer. */
    List<String> slow() {
      return failures().stream().filter(ApiPoller::timedOut).toList();
    }

    /** The calls that got an error or no connection. */
    List<String> errors() {
      return failures().stream().filter(f -> !timedOut(f)).toList();
    }

    private static boolean timedOut(String failure) {
      return failure.contains("Client.Timeout exceeded while awaiting headers");
    }

    String line() {
      List<String> f = failures();
      return "API through the VIP: "
          + polls.get()
          + " polls, "
          + f.size()
          + " failed"
          + (f.isEmpty() ? "" : " (first: " + f.get(0) + ")");
    }

    @Override
    public void close() throws InterruptedException {
      loop.close();
    }
  }
}
