package io.kubeha.campaign;

import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.plan.Phase;
import java.util.List;

/**
 * The day-2 operations the campaign breaks: what it runs, in which lab, and when its faults may
 * strike.
 */
enum DayTwo {
  /**
   * The lab at the previous minor, rolled to the default: three control planes (apply, then node),
   * one worker.
   */
  UPGRADE(
      "upgrades of a fresh 3-master, 1-worker, 2-LB lab from v"
          + DayTwoCampaign.FROM
          + " to the default",
      "upgrade",
      "ClusterUpgrade",
      new Moments(
          List.of(
              Phase.CHECK_UPGRADE,
              Phase.UPGRADE_FIRST_CONTROL_PLANE,
              Phase.UPGRADE_CONTROL_PLANES,
              Phase.UPGRADE_WORKERS),
          List.of(),
          40_000,
          "kubeadm-upgrade-" + KubernetesSpec.DEFAULT_VERSION,
          Phase.UPGRADE_CONTROL_PLANES,
          Phase.UPGRADE_WORKERS),
      "kubeadm upgrade apply or node more than once on a node, a node drained more than once"),
  /**
   * kube-worker-3 and kube-master-3 removed from a 3-master, 3-worker, 2-LB cluster (added back
   * between rounds).
   */
  REMOVE(
      "removals of kube-worker-3 and kube-master-3 from one 3-master, 3-worker, 2-LB lab (added back after each)",
      "removal",
      "ClusterRemoveNodes",
      new Moments(
          List.of(Phase.CHECK_REMOVAL, Phase.REMOVE_WORKERS, Phase.REMOVE_CONTROL_PLANES),
          removalSteps(),
          1_500,
          "node-reset",
          Phase.REMOVE_WORKERS,
          Phase.REMOVE_CONTROL_PLANES),
      "kubeadm reset, a drain or kubectl delete node more than once on a removed node, anything reset elsewhere"),
  /** kube-worker-3 and kube-master-3 added back by `up` to the cluster they were removed from. */
  ADD(
      "additions of kube-worker-3 and kube-master-3 to one 3-master, 3-worker, 2-LB lab (removed before each)",
      "addition",
      "ClusterBringUp",
      Moments.BRING_UP_PHASES,
      "kubeadm join more than once on an added host or at all elsewhere, kubeadm init again, the /etc/hosts block"
          + " more than once, an existing host changed beyond the LBs' nginx upstreams"),
  /** The whole 3-master, 3-worker, 2-LB cluster reset (built anew by `up` after each). */
  RESET(
      "resets of one 3-master, 3-worker, 2-LB lab (built anew by up after each)",
      "reset",
      "ClusterReset",
      new Moments(
          List.of(Phase.RESET_NODES, Phase.STOP_LOAD_BALANCERS),
          resetSteps(),
          1_500,
          "node-reset",
          Phase.RESET_NODES,
          Phase.RESET_NODES),
      "kubeadm reset more than once on a node"),
  /**
   * The etcd of a 3-master, 1-worker, 2-LB lab restored from one snapshot, again each round (a
   * restore of the same snapshot must work any number of times).
   */
  RESTORE(
      "restores of the etcd of one 3-master, 1-worker, 2-LB lab from one snapshot, the same again each round",
      "restore of etcd",
      "ClusterRestore",
      new Moments(
          List.of(
              Phase.CHECK_RESTORE,
              Phase.UPLOAD_SNAPSHOT,
              Phase.STOP_CONTROL_PLANES,
              Phase.RESTORE_ETCD,
              Phase.START_CONTROL_PLANES,
              Phase.VERIFY_RESTORE),
          restoreSteps(),
          1_500,
          // A restore runs no detached job: this moment is the instant the members' restore begins.
          ".kubeha-no-such-job",
          Phase.STOP_CONTROL_PLANES,
          Phase.STOP_CONTROL_PLANES),
      "a member's data moved aside more than once (one /var/lib/etcd.kubeha-before-* per restore)"),
  /**
   * Every control plane's certificates of a 3-master, 1-worker, 2-LB lab renewed (`certs renew
   * --all`), again each round.
   */
  CERTS(
      "renewals of every control plane's certificates of one 3-master, 1-worker, 2-LB lab, again each round",
      "certificate renewal",
      "ClusterCertificates",
      new Moments(
          List.of(Phase.CHECK_CERTIFICATES, Phase.RENEW_CERTIFICATES),
          renewalSteps(),
          1_500,
          // A renewal runs no detached job: this moment is the instant the first renewal begins.
          ".kubeha-no-such-job",
          Phase.RENEW_CERTIFICATES,
          Phase.RENEW_CERTIFICATES),
      "kubeadm certs renew all more than once on a control plane"),
  /**
   * An etcd snapshot of a 3-master, 1-worker, 2-LB lab taken and copied to the operator's side,
   * again each round (the members take turns).
   */
  BACKUP(
      "backups of the etcd of one 3-master, 1-worker, 2-LB lab, one snapshot each round",
      "backup",
      "ClusterBackup",
      new Moments(
          List.of(Phase.CHECK_ETCD, Phase.INSTALL_ETCD_TOOLS, Phase.TAKE_SNAPSHOT),
          backupSteps(),
          1_500,
          // A backup runs no detached job: this moment is the instant the check of etcd is over.
          ".kubeha-no-such-job",
          Phase.CHECK_ETCD,
          Phase.CHECK_ETCD),
      "a snapshot added to the operator's directory more than once per backup run (a backup asked"
          + " again after its CLI's kill takes another once the first has closed)"),
  /**
   * The workload check of a 3-master, 1-worker, 2-LB lab (a Deployment probed from every node and
   * Pod, then deleted), again each round.
   */
  CHECK(
      "workload checks of one 3-master, 1-worker, 2-LB lab, again each round",
      "check",
      "ClusterCheck",
      new Moments(
          List.of(Phase.VERIFY_CLUSTER, Phase.CHECK_WORKLOAD),
          List.of(
              new Moments.Step(Phase.VERIFY_CLUSTER, "kube-master-1", "verify", 0),
              new Moments.Step(Phase.CHECK_WORKLOAD, "kube-master-1", "check-workload", 1)),
          3_000,
          // A check runs no detached job: this moment is the instant the workload check begins.
          ".kubeha-no-such-job",
          Phase.VERIFY_CLUSTER,
          Phase.VERIFY_CLUSTER),
      "a test workload left behind (its namespace after the check)");

  /** The hosts removed and added back by REMOVE and ADD. */
  static final List<String> CYCLED = List.of("kube-worker-3", "kube-master-3");

  final CampaignTable.Subject subject;
  final String workflowType;
  final Moments moments;

  DayTwo(String runs, String run, String workflowType, Moments moments, String duplicates) {
    this.subject =
        new CampaignTable.Subject(
            runs,
            run,
            "the last starter exited 0 (the command again after a kill"
                + " of it: `up`, `backup` and `check` attach to the run; for the others `watch` follows it) and the real cluster shows the result",
            duplicates);
    this.workflowType = workflowType;
    this.moments = moments;
  }

  /** A removal is over in seconds: its faults strike mostly as a node starts one of its steps. */
  private static List<Moments.Step> removalSteps() {
    List<Moments.Step> steps = new java.util.ArrayList<>();
    List<String> worker = List.of("drain", "kubeadm-reset", "delete-node");
    List<String> controlPlane = List.of("drain", "kubeadm-reset", "etcd-member", "delete-node");
    for (int i = 0; i < worker.size(); i++) {
      steps.add(new Moments.Step(Phase.REMOVE_WORKERS, "kube-worker-3", worker.get(i), i));
    }
    for (int i = 0; i < controlPlane.size(); i++) {
      steps.add(
          new Moments.Step(Phase.REMOVE_CONTROL_PLANES, "kube-master-3", controlPlane.get(i), i));
    }
    for (String lb : List.of("ha-lb-a", "ha-lb-b")) {
      steps.add(new Moments.Step(Phase.UPDATE_LOAD_BALANCERS, lb, "nginx", 0));
    }
    return List.copyOf(steps);
  }

  /** Workers in parallel, then the control planes one at a time from the last; then both LBs. */
  private static List<Moments.Step> resetSteps() {
    List<Moments.Step> steps = new java.util.ArrayList<>();
    for (String node :
        List.of("kube-worker-1", "kube-master-3", "kube-master-2", "kube-master-1")) {
      steps.add(new Moments.Step(Phase.RESET_NODES, node, "kubeadm-reset", 0));
      steps.add(new Moments.Step(Phase.RESET_NODES, node, "kubernetes-teardown", 1));
    }
    for (String lb : List.of("ha-lb-a", "ha-lb-b")) {
      steps.add(new Moments.Step(Phase.STOP_LOAD_BALANCERS, lb, "lb-stop", 0));
    }
    return List.copyOf(steps);
  }

  /** The API is down from the stop to the start: faults strike as a member starts each step. */
  private static List<Moments.Step> restoreSteps() {
    List<Moments.Step> steps = new java.util.ArrayList<>();
    for (String m : List.of("kube-master-1", "kube-master-2", "kube-master-3")) {
      steps.add(new Moments.Step(Phase.STOP_CONTROL_PLANES, m, "stop-control-plane", 2));
      steps.add(new Moments.Step(Phase.RESTORE_ETCD, m, "etcd-restore", 3));
      steps.add(new Moments.Step(Phase.START_CONTROL_PLANES, m, "start-etcd", 4));
      steps.add(new Moments.Step(Phase.START_CONTROL_PLANES, m, "start-control-plane", 6));
    }
    return List.copyOf(steps);
  }

  /**
   * One control plane at a time, each renewed then restarted (its steps after the expiry check).
   */
  private static List<Moments.Step> renewalSteps() {
    return onEachMaster(Phase.RENEW_CERTIFICATES, 1, "certs-renew", "restart-control-plane");
  }

  /**
   * On the member the check chooses, the snapshot saved then copied (the other control planes show
   * both steps done from the check on, so their moments come as the snapshot begins).
   */
  private static List<Moments.Step> backupSteps() {
    return onEachMaster(Phase.TAKE_SNAPSHOT, 0, "snapshot-save", "snapshot-fetch");
  }

  /** On each of the three masters, chain's steps in phase, the first being the first-th. */
  private static List<Moments.Step> onEachMaster(Phase phase, int first, String... chain) {
    List<Moments.Step> steps = new java.util.ArrayList<>();
    for (String m : List.of("kube-master-1", "kube-master-2", "kube-master-3")) {
      for (int i = 0; i < chain.length; i++) {
        steps.add(new Moments.Step(phase, m, chain[i], first + i));
      }
    }
    return List.copyOf(steps);
  }

  /** Its runs' workflow id: a backup and a check have their own beside the cluster's operations. */
  String workflowId(io.kubeha.inventory.Inventory inv) {
    return switch (this) {
      case BACKUP -> io.kubeha.workflow.engine.WorkflowIds.backup(inv.clusterName());
      case CHECK -> io.kubeha.workflow.engine.WorkflowIds.check(inv.clusterName());
      default -> io.kubeha.workflow.engine.WorkflowIds.cluster(inv.clusterName());
    };
  }

  /** A second command while a run is open attaches to it (the operator's answer to a kill). */
  boolean attachesAgain() {
    return this == ADD || this == BACKUP || this == CHECK;
  }

  /**
   * How many step results its history holds at least, to be judged for re-application: a backup's
   * snapshot and a check's workload are not plan steps (a backup applies etcd's tools only).
   */
  int judgedSteps() {
    return switch (this) {
      case BACKUP -> 1;
      case CHECK -> 0;
      default -> 3;
    };
  }

  /** What its starter says first. */
  String startedLine() {
    return switch (this) {
      case ADD -> "Started the bring-up of cluster";
      case BACKUP -> "Taking an etcd snapshot of cluster";
      case CHECK -> "Checking that cluster";
      default -> "Started the " + subject.run();
    };
  }

  /**
   * The (host, step) pairs it changes more than once by design, with how often: a renewal takes
   * each control plane out of the balancers' nginx upstreams and puts it back, and so does an
   * upgrade.
   */
  java.util.Map<String, Long> changedByDesign(io.kubeha.inventory.Inventory inv) {
    if (this != CERTS && this != UPGRADE || !inv.canDrainControlPlanes()) {
      return java.util.Map.of();
    }
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    inv.loadBalancers()
        .forEach(lb -> counts.put(lb.name() + " nginx", 2L * inv.controlPlanes().size()));
    return counts;
  }

  /** The hosts its faults hit: every host of its lab. */
  List<String> hosts() {
    return this == UPGRADE || this == RESTORE || this == CERTS || this == BACKUP || this == CHECK
        ? List.of(
            "kube-master-1",
            "kube-master-2",
            "kube-master-3",
            "kube-worker-1",
            "ha-lb-a",
            "ha-lb-b")
        : Campaign.LAB_HOSTS;
  }
}
