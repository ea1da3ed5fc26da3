package io.kubeha.campaign;

import io.kubeha.activities.SnapshotStore;
import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.steps.ArtifactCache;
import io.kubeha.worker.LabChecks;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.RunHistory;
import io.kubeha.worker.WorkloadAfterRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A day-2 operation judged through the lab: what the call logs show done during it (counted from
 * its start), and what the real cluster (kubectl, etcd, nginx, the VIP) shows after it.
 */
final class DayTwoChecks {
  private static final String KUBECTL = "--kubeconfig /etc/kubernetes/admin.conf ";

  /** Longer than a kubelet's status period after a heal, well within a campaign round. */
  private static final java.time.Duration READY_DEADLINE = java.time.Duration.ofSeconds(90);

  // A removal's last control plane may still run its API server's post-start hooks (a campaign
  // saw /readyz's rbac/bootstrap-roles fail right after a removal finished).
  private static final java.time.Duration READYZ_SETTLES = java.time.Duration.ofSeconds(60);

  private final DayTwo op;
  private final LabCluster cluster;
  private final LabChecks lab;

  /** A ConfigMap the restore campaign's snapshot holds, and one made after it (gone after each). */
  static final String IN_THE_SNAPSHOT = "kept-by-the-snapshot";

  static final String AFTER_THE_SNAPSHOT = "made-after-the-snapshot";

  private final Map<String, Map<String, Integer>> before = new TreeMap<>();
  private final Map<String, Integer> dataDirsBefore = new TreeMap<>();
  private final Map<String, String> certificatesBefore = new TreeMap<>();

  /** Where kubeadm keeps the API server's serving certificate. */
  private static final String API_SERVER_CERT = "/etc/kubernetes/pki/apiserver.crt";

  /** Where the backups keep their snapshots, and those kept before this one. */
  private final Path backups;

  private final List<EtcdSnapshot> snapshotsBefore;

  /** The backup runs started before this round (a backup's workflow id has one run per backup). */
  private final long backupRunsBefore;

  /** Where the activities save a snapshot on the member before the copy (then remove it). */
  private static final String SNAPSHOTS_ON_MEMBER = "/var/lib/kubeha/snapshots";

  /** Counts the calls so far: what the operation does is what it adds. */
  DayTwoChecks(DayTwo op, LabCluster cluster, Path backups) {
    this.op = op;
    this.cluster = cluster;
    this.backups = backups;
    this.snapshotsBefore = snapshots();
    this.backupRunsBefore = op == DayTwo.BACKUP ? backupRuns() : 0;
    this.lab = new LabChecks(cluster.lab, cluster.inventory);
    for (String[] call : counted()) {
      before.put(call[0] + " " + call[1], lab.calls(call[0], call[1]));
    }
    if (op == DayTwo.RESTORE) {
      cluster.inventory.controlPlanes().forEach(h -> dataDirsBefore.put(h.name(), dataDirs(h)));
    }
    if (op == DayTwo.CERTS) {
      cluster
          .inventory
          .controlPlanes()
          .forEach(h -> certificatesBefore.put(h.name(), certificateOnDisk(h)));
    }
  }

  /** The API server certificate's expiry in its file on h. */
  private String certificateOnDisk(HostSpec h) {
    return cluster
        .lab
        .exec(h.name(), "openssl", "x509", "-noout", "-enddate", "-in", API_SERVER_CERT)
        .stdout()
        .strip();
  }

  /** The expiry of the certificate h's API server serves. */
  private String certificateServed(HostSpec h) {
    return cluster
        .lab
        .exec(
            h.name(),
            "sh",
            "-c",
            "openssl s_client -connect "
                + h.address()
                + ":6443 </dev/null 2>/dev/null | openssl x509 -noout -enddate")
        .stdout()
        .strip();
  }

  /** The etcd data dirs restores moved aside on a control plane. */
  private int dataDirs(HostSpec h) {
    return Integer.parseInt(
        cluster
            .lab
            .exec(h.name(), "sh", "-c", "ls -d /var/lib/etcd.kubeha-before-* 2>/dev/null | wc -l")
            .stdout()
            .strip());
  }

  /** The snapshots kept in the backups' directory, oldest first. */
  private List<EtcdSnapshot> snapshots() {
    return java.nio.file.Files.isDirectory(backups) ? new SnapshotStore(backups).list() : List.of();
  }

  /**
   * The runs of the backup's workflow id so far: a backup asked again after its CLI was killed
   * attaches to the run while it is open, and takes another snapshot once it has closed.
   */
  private long backupRuns() {
    return cluster
        .client
        .listExecutions("WorkflowId = '" + op.workflowId(cluster.inventory) + "'")
        .count();
  }

  LabChecks lab() {
    return lab;
  }

  private List<String[]> counted() {
    List<String[]> calls =
        new ArrayList<>(
            List.of(
                new String[] {"kubeadm", "reset"},
                new String[] {"kubeadm", "join --config"},
                new String[] {"kubeadm", "init --config"},
                new String[] {"kubeadm", "upgrade apply"},
                new String[] {"kubeadm", "upgrade node"},
                new String[] {"kubeadm", "certs renew all"},
                new String[] {"kubectl", KUBECTL + "delete node"}));
    cluster
        .inventory
        .nodes()
        .forEach(h -> calls.add(new String[] {"kubectl", KUBECTL + "drain " + h.name()}));
    return calls;
  }

  /**
   * Calls of program with arguments starting with prefix since the operation started, per host
   * (none left out).
   */
  private Map<String, Integer> since(String program, String prefix) {
    Map<String, Integer> was = before.get(program + " " + prefix);
    Map<String, Integer> delta = new TreeMap<>();
    lab.calls(program, prefix)
        .forEach(
            (host, n) -> {
              int d = n - was.getOrDefault(host, 0);
              if (d != 0) {
                delta.put(host, d);
              }
            });
    return delta;
  }

  private int drains(String node) {
    return since("kubectl", KUBECTL + "drain " + node).values().stream()
        .mapToInt(Integer::intValue)
        .sum();
  }

  /**
   * What the call logs show done twice (or where it must not be): each an action repeated or
   * misplaced.
   */
  List<String> duplicates() {
    List<String> found = new ArrayList<>();
    switch (op) {
      case REMOVE -> {
        expectOnce(found, "kubeadm reset", since("kubeadm", "reset"), DayTwo.CYCLED);
        for (String node : DayTwo.CYCLED) {
          expectAtMostOnce(found, node + ": kubectl drain", drains(node));
        }
        expectCount(
            found,
            "kubectl delete node",
            since("kubectl", KUBECTL + "delete node").values().stream()
                .mapToInt(Integer::intValue)
                .sum(),
            DayTwo.CYCLED.size());
      }
      case ADD -> {
        expectOnce(found, "kubeadm join", since("kubeadm", "join --config"), DayTwo.CYCLED);
        expectOnce(found, "kubeadm init", since("kubeadm", "init --config"), List.of());
        for (HostSpec h : cluster.inventory.hosts()) {
          expectCount(
              found, h.name() + ": the kubeha /etc/hosts block", lab.hostsBlocks(h.name()), 1);
        }
      }
      case RESTORE -> {
        for (HostSpec h : cluster.inventory.controlPlanes()) {
          expectCount(
              found,
              h.name() + ": etcd data dirs moved aside",
              dataDirs(h) - dataDirsBefore.get(h.name()),
              1);
        }
      }
      case RESET ->
          expectOnce(
              found,
              "kubeadm reset",
              since("kubeadm", "reset"),
              cluster.inventory.nodes().stream().map(HostSpec::name).toList());
      case CERTS ->
          expectOnce(
              found,
              "kubeadm certs renew all",
              since("kubeadm", "certs renew all"),
              cluster.inventory.controlPlanes().stream().map(HostSpec::name).toList());
      case BACKUP -> {
        long runs = backupRuns() - backupRunsBefore;
        expectCount(
            found,
            "snapshots added to " + backups + " by " + runs + " backup runs",
            snapshots().size() - snapshotsBefore.size(),
            (int) Math.max(1, runs));
      }
      case UPGRADE -> {
        String first = cluster.inventory.firstControlPlane().name();
        expectOnce(
            found, "kubeadm upgrade apply", since("kubeadm", "upgrade apply"), List.of(first));
        expectOnce(
            found,
            "kubeadm upgrade node",
            since("kubeadm", "upgrade node"),
            cluster.inventory.nodes().stream()
                .map(HostSpec::name)
                .filter(n -> !n.equals(first))
                .toList());
        for (HostSpec h : cluster.inventory.nodes()) {
          expectAtMostOnce(found, h.name() + ": kubectl drain", drains(h.name()));
        }
      }
    }
    return found;
  }

  private static void expectOnce(
      List<String> found, String what, Map<String, Integer> perHost, List<String> hosts) {
    Map<String, Integer> want = new TreeMap<>();
    hosts.forEach(h -> want.put(h, 1));
    if (!perHost.equals(want)) {
      found.add(what + " per host " + perHost + ", expected " + want);
    }
  }

  /**
   * A drain runs once, or not at all when a killed attempt had cordoned the node and nothing on it
   * is left to evict (the resumed attempt adopts that as drained); twice is a duplicate.
   */
  private static void expectAtMostOnce(List<String> found, String what, int count) {
    if (count > 1) {
      found.add(what + " " + count + " times, expected at most once");
    }
  }

  private static void expectCount(List<String> found, String what, int count, int expected) {
    if (count != expected) {
      found.add(what + " " + count + " times, expected " + expected);
    }
  }

  /**
   * What the real cluster shows after the operation, as problems (none when it is what the
   * operation promised).
   */
  List<String> result(Path adminConf, RunHistory history) {
    List<String> problems = new ArrayList<>();
    if (op == DayTwo.RESET) {
      return resetResult();
    }
    LabKubernetes k8s = new LabKubernetes(cluster.lab, cluster.inventory, adminConf);
    awaitNodesReady(k8s);
    String cordoned =
        k8s.kubectl("get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}").trim();
    if (!cordoned.isEmpty()) {
      problems.add("nodes left cordoned: " + cordoned);
    }
    switch (op) {
      case REMOVE -> {
        List<HostSpec> staying =
            cluster.inventory.controlPlanes().stream()
                .filter(h -> !DayTwo.CYCLED.contains(h.name()))
                .toList();
        Map<String, String> nodes = k8s.nodes();
        Set<String> want = new java.util.TreeSet<>();
        cluster.inventory.nodes().stream()
            .map(HostSpec::name)
            .filter(n -> !DayTwo.CYCLED.contains(n))
            .forEach(want::add);
        if (!nodes.keySet().equals(want)
            || nodes.values().stream().anyMatch(v -> !v.startsWith("Ready"))) {
          problems.add("nodes " + nodes + ", expected " + want + " Ready");
        }
        for (String removed : DayTwo.CYCLED) {
          // Its cni0 would keep the old Pod subnet's address when it joins again under another.
          if (cluster.lab.exec(removed, "ip", "link", "show", "cni0").exitCode() == 0) {
            problems.add(removed + ": its cni0 is left after the removal");
          }
        }
        Map<String, String> members = new TreeMap<>();
        staying.forEach(h -> members.put(h.name(), "started"));
        if (!k8s.etcdMembers().equals(members)) {
          problems.add("etcd members " + k8s.etcdMembers() + ", expected " + members);
        }
        List<String> upstreams = staying.stream().map(HostSpec::address).sorted().toList();
        for (HostSpec lb : cluster.inventory.loadBalancers()) {
          if (!lab.nginxUpstreams(lb.name()).equals(upstreams)) {
            problems.add(
                lb.name()
                    + ": nginx upstreams "
                    + lab.nginxUpstreams(lb.name())
                    + ", expected "
                    + upstreams);
          }
        }
        String readyz;
        try {
          readyz = k8s.readyzWithin(READYZ_SETTLES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          readyz = "interrupted";
        }
        if (!"ok".equals(readyz)) {
          problems.add("the API does not answer ok through the VIP within 60 s: " + readyz);
        }
      }
      case ADD -> {
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
        history.applied().stream()
            .filter(
                a ->
                    a.changed()
                        && !DayTwo.CYCLED.contains(a.host())
                        && !a.host().equals("first-control-plane")
                        && !(a.stepId().equals("nginx") && a.host().startsWith("ha-lb")))
            .forEach(a -> problems.add("an existing host changed: " + a.host() + " " + a.stepId()));
      }
      case RESTORE -> {
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
        String maps = k8s.kubectl("get", "configmaps", "-o", "name");
        if (!maps.contains("configmap/" + IN_THE_SNAPSHOT)) {
          problems.add("the snapshot's ConfigMap " + IN_THE_SNAPSHOT + " is missing: " + maps);
        }
        if (maps.contains("configmap/" + AFTER_THE_SNAPSHOT)) {
          problems.add("the ConfigMap made after the snapshot is still there");
        }
      }
      case UPGRADE -> {
        Map<String, String> want = new TreeMap<>();
        cluster
            .inventory
            .nodes()
            .forEach(h -> want.put(h.name(), "Ready v" + KubernetesSpec.DEFAULT_VERSION));
        if (!k8s.nodes().equals(want)) {
          problems.add("nodes " + k8s.nodes() + ", expected " + want);
        }
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
      }
      case BACKUP -> {
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
        problems.addAll(backupResult());
      }
      case CHECK -> {
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
        String namespaces = k8s.kubectl("get", "namespaces", "-o", "name");
        if (namespaces.contains("namespace/" + CheckWorkload.NAMESPACE)) {
          problems.add("the check's namespace " + CheckWorkload.NAMESPACE + " is left");
        }
      }
      case CERTS -> {
        k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
        for (HostSpec h : cluster.inventory.controlPlanes()) {
          String file = certificateOnDisk(h);
          String served = certificateServed(h);
          if (file.isEmpty() || file.equals(certificatesBefore.get(h.name()))) {
            problems.add(h.name() + ": " + API_SERVER_CERT + " not renewed (" + file + ")");
          } else if (!served.equals(file)) {
            problems.add(
                h.name() + ": the API server serves " + served + ", its file says " + file);
          }
        }
      }
    }
    if (lab.vipHolders().size() != 1) {
      problems.add("the VIP is held by " + lab.vipHolders());
    }
    problems.addAll(
        WorkloadAfterRun.problems(
            k8s,
            cluster.inventory.nodes().stream()
                .filter(h -> op != DayTwo.REMOVE || !DayTwo.CYCLED.contains(h.name()))
                .toList()));
    return problems;
  }

  /**
   * The newest snapshot is this backup's: newer than any before, its file's SHA-256 what its record
   * says, taken at a later revision; and no member keeps a copy of it (a secret) after the copy.
   */
  private List<String> backupResult() {
    List<String> problems = new ArrayList<>();
    List<EtcdSnapshot> now = snapshots();
    if (now.isEmpty() || snapshotsBefore.contains(now.get(now.size() - 1))) {
      return List.of("no new snapshot in " + backups + ": " + now);
    }
    EtcdSnapshot newest = now.get(now.size() - 1);
    try {
      String sha256 = ArtifactCache.sha256(Path.of(newest.path()));
      if (!sha256.equals(newest.sha256())) {
        problems.add(
            newest.path() + ": SHA-256 " + sha256 + ", its record says " + newest.sha256());
      }
    } catch (java.io.UncheckedIOException e) {
      problems.add(newest.path() + ": unreadable: " + e.getCause());
    }
    if (!snapshotsBefore.isEmpty()
        && newest.revision() <= snapshotsBefore.get(snapshotsBefore.size() - 1).revision()) {
      problems.add(
          "the new snapshot's revision "
              + newest.revision()
              + " is not above the last one's "
              + snapshotsBefore.get(snapshotsBefore.size() - 1).revision());
    }
    for (HostSpec h : cluster.inventory.controlPlanes()) {
      String left =
          cluster
              .lab
              .exec(h.name(), "sh", "-c", "ls -A " + SNAPSHOTS_ON_MEMBER + " 2>/dev/null")
              .stdout()
              .strip();
      if (!left.isEmpty()) {
        problems.add(h.name() + ": left in " + SNAPSHOTS_ON_MEMBER + ": " + left);
      }
    }
    return problems;
  }

  /**
   * A host the operation does not touch may still be NotReady when it ends: a link cut or a reboot
   * late in the run outlasts the node's lease, and its kubelet reports again only after the heal.
   * Judge once every node reports Ready again, or when READY_DEADLINE has passed (what is still
   * NotReady is then a problem).
   */
  private static void awaitNodesReady(LabKubernetes k8s) {
    long end = System.nanoTime() + READY_DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (k8s.nodes().values().stream().allMatch(v -> v.startsWith("Ready"))) {
          return;
        }
      } catch (RuntimeException e) {
        // The API through the VIP may refuse for a moment after a fault: ask again.
      }
      try {
        Thread.sleep(500); // the poll interval of a condition with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * After a reset: on every node no kubeadm, /etc/kubernetes or containerd, the OS prep kept;
   * nobody holds the VIP.
   */
  private List<String> resetResult() {
    List<String> problems = new ArrayList<>();
    for (HostSpec h : cluster.inventory.nodes()) {
      if (cluster
          .lab
          .exec(h.name(), "dpkg-query", "-W", "-f=${Status}", "kubeadm")
          .stdout()
          .contains("install ok")) {
        problems.add(h.name() + ": kubeadm still installed");
      }
      for (String path : List.of("/etc/kubernetes", "/usr/local/bin/containerd")) {
        if (cluster.lab.exec(h.name(), "test", "-e", path).exitCode() != 1) {
          problems.add(h.name() + ": " + path + " still there");
        }
      }
      if (lab.hostsBlocks(h.name()) != 1) {
        problems.add(
            h.name()
                + ": the /etc/hosts block (OS prep) "
                + lab.hostsBlocks(h.name())
                + " times, expected 1");
      }
    }
    if (!lab.vipHolders().isEmpty()) {
      problems.add("keepalived still holds the VIP on " + lab.vipHolders());
    }
    return problems;
  }
}
