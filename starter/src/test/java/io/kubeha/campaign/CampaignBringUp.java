package io.kubeha.campaign;

import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.worker.LabCluster;
import io.kubeha.worker.LabKubernetes;
import io.kubeha.worker.LabSecrets;
import io.kubeha.worker.RunHistory;
import io.kubeha.worker.WorkloadAfterRun;
import io.kubeha.workflow.bringup.BringUpResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One fresh lab, one bring-up started by the real `up`, its faults injected at their moments, then
 * judged.
 */
final class CampaignBringUp {
  static final Duration DEADLINE = Strikes.DEADLINE;

  private final Path state;
  private final List<Fault> faults;
  private final CampaignTemporal.Kind temporalKind;
  private final List<String> upOptions;

  /** A bring-up on a server of temporal's kind, fresh for it; `up` takes upOptions too. */
  CampaignBringUp(
      Path state, List<Fault> faults, CampaignTemporal.Kind temporal, List<String> upOptions) {
    this.state = state;
    this.faults = faults;
    this.temporalKind = temporal;
    this.upOptions = List.copyOf(upOptions);
  }

  RunOutcome run() throws Exception {
    Files.createDirectories(state);
    try (CampaignTemporal temporal = temporalKind.start(state);
        LabCluster cluster = temporal.startLab(3, 3, 2, state);
        KubehaProcesses processes =
            new KubehaProcesses(
                state,
                temporal.address(),
                temporal.clientEnvironment(),
                cluster.lab.inventoryPath(),
                upOptions)) {
      CampaignChecks checks = new CampaignChecks(cluster);
      Plan real = PlanRenderer.render(cluster.inventory);
      Strikes strikes =
          new Strikes(
              new RunProbe(cluster.client, cluster.workflowId()),
              new FaultInjector(cluster, temporal, processes),
              checks.lab(),
              Moments.BRING_UP,
              step -> GraphMoments.inRealPlan(step, real));
      try (LabSecrets seen = LabSecrets.watch(checks.lab())) {
        processes.startWorker();
        processes.startStarter();
        strikes.awaitRun(processes);
        return judge(cluster, processes, checks, seen, strikes.strikeAll(faults));
      }
    }
  }

  private RunOutcome judge(
      LabCluster cluster,
      KubehaProcesses processes,
      CampaignChecks checks,
      LabSecrets seen,
      List<FaultOutcome> outcomes)
      throws Exception {
    List<String> problems = new ArrayList<>();
    outcomes.stream()
        .filter(o -> !o.recovered())
        .forEach(
            o -> problems.add("no progress within " + DEADLINE + " after " + o.fault().describe()));
    OptionalInt exit = processes.starter().awaitExit(DEADLINE);
    if (exit.isEmpty() || exit.getAsInt() != 0) {
      problems.add(
          "the last `up` "
              + (exit.isEmpty() ? "still runs after " + DEADLINE : "exited " + exit.getAsInt())
              + ": "
              + tail(processes.starterLogs().get(processes.starterLogs().size() - 1)));
    }
    problems.addAll(attachProblems(processes.starterLogs()));
    var stub = cluster.client.newUntypedWorkflowStub(cluster.workflowId());
    boolean verified = false;
    try {
      BringUpResult result =
          stub.getResult(DEADLINE.toSeconds(), TimeUnit.SECONDS, BringUpResult.class);
      verified = result.verify().ok();
      if (!verified) {
        problems.add("the run did not verify the cluster: " + result.verify());
      }
      // Judged again through the real cluster, not kubeha's own report: its state, and a workload
      // that must run and answer through every node.
      LabKubernetes k8s =
          new LabKubernetes(
              cluster.lab, cluster.inventory, processes.adminConf(cluster.inventory.clusterName()));
      k8s.problems().forEach(p -> problems.add("the real cluster: " + p));
      problems.addAll(WorkloadAfterRun.problems(k8s, cluster.inventory.nodes()));
    } catch (Exception e) {
      problems.add("the run did not finish: " + e);
    }
    if (!problems.isEmpty()) {
      problems.addAll(LabPostMortem.lines(cluster.lab, cluster.inventory, processes.workerLog()));
    }
    var info = stub.describe().getRawDescription().getWorkflowExecutionInfo();
    double wall =
        (info.getCloseTime().getSeconds() - info.getStartTime().getSeconds())
            + (info.getCloseTime().getNanos() - info.getStartTime().getNanos()) / 1e9;
    RunHistory history = RunHistory.fetch(cluster.client, cluster.workflowId());
    return new RunOutcome(
        FaultOutcome.resumedIn(outcomes, history),
        verified && problems.isEmpty(),
        wall,
        checks.duplicates(),
        checks.reapplied(history),
        checks.leaks(seen, history, processes.workerLog(), processes.starterLogs()),
        problems);
  }

  /**
   * The first `up` started the run; every later one (after a kill) attached to it instead of
   * starting another.
   */
  private static List<String> attachProblems(List<Path> logs) throws Exception {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      String text = Files.readString(logs.get(i));
      String expected =
          i == 0 ? "Started the bring-up of cluster" : "Attached to the bring-up of cluster";
      if (!text.contains(expected)) {
        problems.add(
            logs.get(i).getFileName() + " does not say '" + expected + "': " + tail(logs.get(i)));
      }
    }
    return problems;
  }

  static String tail(Path log) throws Exception {
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 600)).replace('\n', '|');
  }
}
