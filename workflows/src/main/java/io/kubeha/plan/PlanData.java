package io.kubeha.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A rendered plan as a workflow receives it: each distinct file and each distinct step once, steps
 * naming their files and hosts naming their steps by index. Hosts share most of both (every host's
 * /etc/hosts block lists all hosts; every worker's prep is the same), so 500 hosts' plan fits in
 * one activity result where the plan written out per host would not.
 */
public record PlanData(
    String cluster,
    String controlPlaneEndpoint,
    String kubeadmConfig,
    List<FileSpec> files,
    List<StepData> steps,
    List<HostSteps> hosts) {

  /** A step whose files are indexes into the plan's files. */
  public record StepData(
      String id,
      Phase phase,
      String title,
      List<Integer> files,
      List<Download> downloads,
      List<Action> actions,
      List<WorkerFile> workerFiles,
      ServedBundle bundle) {

    public StepData {
      // Absent from plans recorded before worker files existed.
      workerFiles = workerFiles == null ? List.of() : List.copyOf(workerFiles);
    }
  }

  /** One host's steps, in execution order, as indexes into the plan's steps. */
  public record HostSteps(String host, String address, List<String> roles, List<Integer> steps) {}

  public static PlanData of(Plan plan) {
    Table<FileSpec> files = new Table<>();
    Table<StepData> steps = new Table<>();
    List<HostSteps> hosts = new ArrayList<>();
    for (HostPlan h : plan.hosts()) {
      List<Integer> own = new ArrayList<>();
      for (Step s : h.steps()) {
        List<Integer> stepFiles = s.files().stream().map(files::index).toList();
        own.add(
            steps.index(
                new StepData(
                    s.id(),
                    s.phase(),
                    s.title(),
                    stepFiles,
                    s.downloads(),
                    s.actions(),
                    s.workerFiles(),
                    s.bundle())));
      }
      hosts.add(new HostSteps(h.host(), h.address(), h.roles(), List.copyOf(own)));
    }
    return new PlanData(
        plan.cluster(),
        plan.controlPlaneEndpoint(),
        plan.kubeadmConfig(),
        files.values(),
        steps.values(),
        List.copyOf(hosts));
  }

  /** The plan written out per host again. */
  public Plan plan() {
    Function<StepData, Step> step =
        s ->
            new Step(
                s.id(),
                s.phase(),
                s.title(),
                s.files().stream().map(files::get).toList(),
                s.downloads(),
                s.actions(),
                s.workerFiles(),
                s.bundle());
    List<Step> written = steps.stream().map(step).toList();
    List<HostPlan> plans = new ArrayList<>();
    for (HostSteps h : hosts) {
      plans.add(
          new HostPlan(
              h.host(), h.address(), h.roles(), h.steps().stream().map(written::get).toList()));
    }
    return new Plan(cluster, controlPlaneEndpoint, kubeadmConfig, List.copyOf(plans));
  }

  /** Distinct values in the order first seen, each with its index. */
  private static final class Table<T> {
    private final Map<T, Integer> index = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    int index(T value) {
      return index.computeIfAbsent(
          value,
          v -> {
            values.add(v);
            return values.size() - 1;
          });
    }

    List<T> values() {
      return List.copyOf(values);
    }
  }
}
