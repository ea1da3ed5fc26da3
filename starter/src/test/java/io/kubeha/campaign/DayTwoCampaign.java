package io.kubeha.campaign;

import io.kubeha.activities.SnapshotStore;
import io.kubeha.inventory.KubernetesSpec;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.LabSecrets;
import io.kubeha.worker.RunHistory;
import io.kubeha.worker.SecretSearch;
import io.kubeha.workflow.bringup.BringUpResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A day-2 operation's campaign: one run of the operation per group of faults, started by the real
 * CLI with a real worker process, struck at its moments and judged through the lab. An upgrade
 * needs a fresh lab at the previous minor each time; a removal and an addition share one lab, the
 * other operation (fault-free) undoing each round.
 */
final class DayTwoCampaign {
  static final String FROM = "1.36.3";

  private DayTwoCampaign() {}

  /**
   * The operation's campaign, its table printed and written to
   * target/reliability/campaign-OP-SEED.md.
   */
  static CampaignTable run(DayTwo op, FaultPlan plan, Path state) throws Exception {
    if (op == DayTwo.UPGRADE) {
      plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
      return write(
          DayTwo.UPGRADE,
          new CampaignTable(op.subject, plan, OptionalDouble.empty(), upgrades(plan, state)));
    }
    if (op == DayTwo.RESET) {
      plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
      return write(
          DayTwo.RESET,
          new CampaignTable(op.subject, plan, OptionalDouble.empty(), resets(plan, state)));
    }
    if (op == DayTwo.RESTORE) {
      plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
      return write(
          DayTwo.RESTORE,
          new CampaignTable(op.subject, plan, OptionalDouble.empty(), restores(plan, state)));
    }
    if (op == DayTwo.CERTS) {
      plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
      return write(
          DayTwo.CERTS,
          new CampaignTable(op.subject, plan, OptionalDouble.empty(), renewals(plan, state)));
    }
    if (op == DayTwo.BACKUP || op == DayTwo.CHECK) {
      plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
      return write(
          op, new CampaignTable(op.subject, plan, OptionalDouble.empty(), rounds(op, plan, state)));
    }
    FaultPlan none = new FaultPlan(plan.seed(), plan.kinds(), List.of());
    List<CampaignTable> tables =
        cycles(op == DayTwo.REMOVE ? plan : none, op == DayTwo.ADD ? plan : none, state);
    return tables.get(op == DayTwo.REMOVE ? 0 : 1);
  }

  /**
   * Rounds on one lab, each removing CYCLED and adding them back, the i-th removal struck by
   * removals' i-th group and the i-th addition by additions' (a missing group: no faults). Both
   * tables, removals first; those of an operation with faults are written. Stops after a round that
   * did not end clean: the next would not start from a whole cluster.
   */
  static List<CampaignTable> cycles(FaultPlan removals, FaultPlan additions, Path state)
      throws Exception {
    removals.faults().forEach(f -> System.out.println("campaign plan (removals): " + f.describe()));
    additions
        .faults()
        .forEach(f -> System.out.println("campaign plan (additions): " + f.describe()));
    int rounds = Math.max(removals.bringUps().size(), additions.bringUps().size());
    List<RunOutcome> removed = new ArrayList<>();
    List<RunOutcome> added = new ArrayList<>();
    Files.createDirectories(state);
    try (LabCluster cluster = LabCluster.start(3, 3, 2, state);
        KubehaProcesses processes =
            new KubehaProcesses(state, cluster.server.address(), cluster.lab.inventoryPath())) {
      String inventory = cluster.lab.inventoryPath().toString();
      List<String> up = List.of("up", "-f", inventory, "--yes");
      List<String> remove = new ArrayList<>(List.of("remove"));
      remove.addAll(DayTwo.CYCLED);
      remove.addAll(List.of("-f", inventory, "--yes"));
      processes.startWorker();
      setUp(processes, "up", up);
      for (int i = 0; i < rounds; i++) {
        RunOutcome r =
            report(
                "removal",
                i,
                rounds,
                strike(DayTwo.REMOVE, cluster, processes, group(removals, i), remove));
        removed.add(r);
        if (!r.clean()) {
          break;
        }
        RunOutcome a =
            report(
                "addition",
                i,
                rounds,
                strike(DayTwo.ADD, cluster, processes, group(additions, i), up));
        added.add(a);
        if (!a.clean()) {
          break;
        }
      }
    }
    List<CampaignTable> tables =
        List.of(
            new CampaignTable(DayTwo.REMOVE.subject, removals, OptionalDouble.empty(), removed),
            new CampaignTable(DayTwo.ADD.subject, additions, OptionalDouble.empty(), added));
    if (!removals.faults().isEmpty()) {
      write(DayTwo.REMOVE, tables.get(0));
    }
    if (!additions.faults().isEmpty()) {
      write(DayTwo.ADD, tables.get(1));
    }
    return tables;
  }

  private static List<Fault> group(FaultPlan plan, int i) {
    return i < plan.bringUps().size() ? plan.bringUps().get(i) : List.of();
  }

  private static CampaignTable write(DayTwo op, CampaignTable table) throws Exception {
    Path out =
        Path.of(
            "target",
            "reliability",
            "campaign-" + op.name().toLowerCase() + "-" + table.plan().seed() + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.markdown());
    System.out.println(table.markdown());
    System.out.println("campaign: table written to " + out.toAbsolutePath());
    return table;
  }

  private static List<RunOutcome> upgrades(FaultPlan plan, Path state) throws Exception {
    List<RunOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < plan.bringUps().size(); i++) {
      Path dir = state.resolve("upgrade-" + (i + 1));
      Files.createDirectories(dir);
      try (LabCluster cluster = LabCluster.start(3, 1, 2, dir);
          KubehaProcesses processes =
              new KubehaProcesses(dir, cluster.server.address(), cluster.lab.inventoryPath())) {
        String to = KubernetesSpec.DEFAULT_VERSION;
        Path old = dir.resolve("inventory-" + FROM + ".yaml");
        Files.writeString(
            old,
            Files.readString(cluster.lab.inventoryPath())
                .replace("version: " + to, "version: " + FROM));
        processes.startWorker();
        setUp(processes, "up", List.of("up", "-f", old.toString(), "--yes"));
        List<String> upgrade =
            List.of(
                "upgrade",
                "--to",
                to,
                "-f",
                cluster.lab.inventoryPath().toString(),
                "--yes",
                "--max-unavailable",
                "1");
        outcomes.add(
            report(
                "upgrade",
                i,
                plan.bringUps().size(),
                strike(DayTwo.UPGRADE, cluster, processes, plan.bringUps().get(i), upgrade)));
      }
    }
    return outcomes;
  }

  /**
   * Rounds on one lab: a reset struck by the round's faults, then `up` (fault-free) building the
   * cluster anew.
   */
  private static List<RunOutcome> resets(FaultPlan plan, Path state) throws Exception {
    return onOneLab(
        3,
        state,
        (cluster, processes, inventory) -> {
          List<String> up = List.of("up", "-f", inventory, "--yes");
          return new Rounds(
              DayTwo.RESET,
              "reset",
              List.of("reset", "-f", inventory, "--yes"),
              () -> {},
              () -> setUp(processes, "up", up));
        },
        plan);
  }

  /**
   * Rounds on one lab: one snapshot taken after the bring-up, then each round a ConfigMap made
   * after it and a restore of that same snapshot struck by the round's faults (the judge checks the
   * ConfigMap is gone).
   */
  private static List<RunOutcome> restores(FaultPlan plan, Path state) throws Exception {
    return onOneLab(
        1,
        state,
        (cluster, processes, inventory) -> {
          Path backups = processes.backups();
          LabKubernetes k8s =
              new LabKubernetes(
                  cluster.lab,
                  cluster.inventory,
                  processes.adminConf(cluster.inventory.clusterName()));
          k8s.kubectl("create", "configmap", DayTwoChecks.IN_THE_SNAPSHOT);
          setUp(
              processes, "backup", List.of("backup", "-f", inventory, "--dir", backups.toString()));
          String snapshot = new SnapshotStore(backups).list().get(0).path();
          return new Rounds(
              DayTwo.RESTORE,
              "restore",
              List.of("restore", "--snapshot", snapshot, "-f", inventory, "--yes"),
              () -> k8s.kubectl("create", "configmap", DayTwoChecks.AFTER_THE_SNAPSHOT),
              () -> {});
        },
        plan);
  }

  /** Rounds on one lab: each renews every control plane's certificates, struck by its faults. */
  private static List<RunOutcome> renewals(FaultPlan plan, Path state) throws Exception {
    return onOneLab(
        1,
        state,
        (cluster, processes, inventory) ->
            new Rounds(
                DayTwo.CERTS,
                "renewal",
                List.of("certs", "renew", "-f", inventory, "--all", "--yes"),
                () -> {},
                () -> {}),
        plan);
  }

  /**
   * Rounds on one lab, each struck by its faults: a backup takes an etcd snapshot into one
   * directory (of an etcd grown first, so that the snapshot takes seconds for the faults to land
   * in); a check runs its workload.
   */
  private static List<RunOutcome> rounds(DayTwo op, FaultPlan plan, Path state) throws Exception {
    return onOneLab(
        1,
        state,
        (cluster, processes, inventory) -> {
          if (op == DayTwo.BACKUP) {
            growEtcd(cluster);
          }
          return new Rounds(
              op,
              op.subject.run(),
              op == DayTwo.BACKUP
                  ? List.of("backup", "-f", inventory, "--dir", processes.backups().toString())
                  : List.of("check", "-f", inventory),
              () -> {},
              () -> {});
        },
        plan);
  }

  /**
   * ConfigMaps in etcd of random data, about 0.9 MB each (an object's limit is 1 MiB): with 60 a
   * backup took 3.5-13 s and every Temporal kill's moment came after it had closed.
   */
  static final int GROWTH_CONFIGMAPS = 250;

  private static void growEtcd(LabCluster cluster) {
    String first = cluster.inventory.firstControlPlane().name();
    var r =
        cluster.lab.exec(
            first,
            "sh",
            "-c",
            "set -e; f=$(mktemp); for i in $(seq 1 "
                + GROWTH_CONFIGMAPS
                + "); do head -c 680000 /dev/urandom | base64 -w0 > \"$f\";"
                + " kubectl --kubeconfig /etc/kubernetes/admin.conf create configmap"
                + " campaign-bulk-$i --from-file=blob=\"$f\" >/dev/null; done; rm -f \"$f\"");
    if (r.exitCode() != 0) {
      throw new AssertionError("growing etcd on " + first + ": " + r);
    }
  }

  /** Work around a round, which may throw. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** An operation's rounds: its command, and what comes before and after each (fault-free). */
  private record Rounds(DayTwo op, String what, List<String> command, Step before, Step after) {}

  /** What a lab needs once it is up (a snapshot, say), and the rounds it then runs. */
  @FunctionalInterface
  private interface Prepare {
    Rounds on(LabCluster cluster, KubehaProcesses processes, String inventory) throws Exception;
  }

  /**
   * A 3-master, `workers`-worker, 2-LB lab brought up fault-free, prepared, then one round per
   * group of the plan, stopping after a round that did not end clean.
   */
  private static List<RunOutcome> onOneLab(int workers, Path state, Prepare prepare, FaultPlan plan)
      throws Exception {
    List<RunOutcome> outcomes = new ArrayList<>();
    Files.createDirectories(state);
    try (LabCluster cluster = LabCluster.start(3, workers, 2, state);
        KubehaProcesses processes =
            new KubehaProcesses(state, cluster.server.address(), cluster.lab.inventoryPath())) {
      String inventory = cluster.lab.inventoryPath().toString();
      processes.startWorker();
      setUp(processes, "up", List.of("up", "-f", inventory, "--yes"));
      Rounds rounds = prepare.on(cluster, processes, inventory);
      int of = plan.bringUps().size();
      for (int i = 0; i < of; i++) {
        rounds.before().run();
        RunOutcome r =
            report(
                rounds.what(),
                i,
                of,
                strike(rounds.op(), cluster, processes, plan.bringUps().get(i), rounds.command()));
        outcomes.add(r);
        if (!r.clean()) {
          break;
        }
        rounds.after().run();
      }
    }
    return outcomes;
  }

  private static RunOutcome report(String what, int i, int of, RunOutcome o) {
    System.out.println(
        "campaign: "
            + what
            + " "
            + (i + 1)
            + " of "
            + of
            + ": "
            + (o.clean() ? "clean" : o.everyProblem()));
    return o;
  }

  /** Runs command fault-free to its end (the lab's starting point for the next run). */
  private static void setUp(KubehaProcesses processes, String label, List<String> command)
      throws Exception {
    processes.operate(label, command, command);
    OptionalInt exit = processes.starter().awaitExit(Strikes.DEADLINE);
    if (exit.isEmpty() || exit.getAsInt() != 0) {
      throw new AssertionError(
          "setting up: kubeha "
              + String.join(" ", command)
              + " "
              + (exit.isEmpty() ? "still runs" : "exited " + exit.getAsInt())
              + ": "
              + CampaignBringUp.tail(
                  processes.starterLogs().get(processes.starterLogs().size() - 1)));
    }
  }

  /** Starts the operation by its command, strikes it with faults, and judges it. */
  private static RunOutcome strike(
      DayTwo op,
      LabCluster cluster,
      KubehaProcesses processes,
      List<Fault> faults,
      List<String> command)
      throws Exception {
    DayTwoChecks checks = new DayTwoChecks(op, cluster, processes.backups());
    String clusterName = cluster.inventory.clusterName();
    // After a kill of the CLI before the gate, watch --yes approves it, as the killed --yes would
    // have.
    List<String> afterKill = op.attachesAgain() ? command : List.of("watch", clusterName, "--yes");
    try (LabSecrets seen = LabSecrets.watch(checks.lab())) {
      String workflowId = op.workflowId(cluster.inventory);
      String earlier = RunProbe.latestRunId(cluster.client, workflowId);
      processes.operate(op.subject.run(), command, afterKill);
      Strikes strikes =
          new Strikes(
              new RunProbe(cluster.client, workflowId, op.workflowType, earlier),
              new FaultInjector(cluster, new DevServerTemporal(cluster), processes),
              checks.lab(),
              op.moments);
      strikes.awaitRun(processes);
      return judge(op, cluster, processes, checks, seen, strikes.strikeAll(faults));
    }
  }

  private static RunOutcome judge(
      DayTwo op,
      LabCluster cluster,
      KubehaProcesses processes,
      DayTwoChecks checks,
      LabSecrets seen,
      List<FaultOutcome> outcomes)
      throws Exception {
    List<String> problems = new ArrayList<>();
    outcomes.stream()
        .filter(o -> !o.recovered())
        .forEach(
            o ->
                problems.add(
                    "no progress within " + Strikes.DEADLINE + " after " + o.fault().describe()));
    List<Path> logs = processes.starterLogs();
    OptionalInt exit = processes.starter().awaitExit(Strikes.DEADLINE);
    if (exit.isEmpty() || exit.getAsInt() != 0) {
      problems.add(
          "the last starter "
              + (exit.isEmpty()
                  ? "still runs after " + Strikes.DEADLINE
                  : "exited " + exit.getAsInt())
              + ": "
              + CampaignBringUp.tail(logs.get(logs.size() - 1)));
    }
    String started = op.startedLine();
    for (int i = 0; i < logs.size(); i++) {
      String text = Files.readString(logs.get(i));
      String expected =
          i == 0 ? started : op == DayTwo.ADD ? "Attached to the bring-up of cluster" : null;
      if (expected != null && !text.contains(expected)) {
        problems.add(
            logs.get(i).getFileName()
                + " does not say '"
                + expected
                + "': "
                + CampaignBringUp.tail(logs.get(i)));
      }
    }
    String workflowId = op.workflowId(cluster.inventory);
    var stub = cluster.client.newUntypedWorkflowStub(workflowId);
    var info = stub.describe().getRawDescription().getWorkflowExecutionInfo();
    boolean completed =
        info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
    if (!completed) {
      problems.add("the run ended " + info.getStatus());
    } else if (op == DayTwo.ADD) {
      BringUpResult result =
          stub.getResult(Strikes.DEADLINE.toSeconds(), TimeUnit.SECONDS, BringUpResult.class);
      if (!result.verify().ok()) {
        problems.add("the run did not verify the cluster: " + result.verify());
      }
    }
    double wall =
        (info.getCloseTime().getSeconds() - info.getStartTime().getSeconds())
            + (info.getCloseTime().getNanos() - info.getStartTime().getNanos()) / 1e9;
    RunHistory history = RunHistory.fetch(cluster.client, workflowId);
    Path adminConf = processes.adminConf(cluster.inventory.clusterName());
    problems.addAll(checks.result(adminConf, history));
    List<String> leaks =
        CampaignChecks.leaks(
            cluster, SecretSearch.of(cluster, seen), history, processes.workerLog(), logs);
    return new RunOutcome(
        FaultOutcome.resumedIn(outcomes, history),
        completed && problems.isEmpty(),
        wall,
        checks.duplicates(),
        CampaignChecks.reapplied(history, op.judgedSteps(), op.changedByDesign(cluster.inventory)),
        leaks,
        problems);
  }
}
