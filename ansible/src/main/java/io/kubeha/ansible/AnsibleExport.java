package io.kubeha.ansible;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.Step;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.Task;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plan as a runnable Ansible project: one play per level of the bring-up graph (each level
 * needs only the levels before it), each host running its own task file for the phase it has in
 * that level. Pure and deterministic: the same plan gives the same bytes.
 */
public final class AnsibleExport {
  static final String TASKS_HEADER =
      """
      # Written by kubeha plan --format ansible: the %s phase of %s, the steps of kubeha's plan in order.
      # Actions kubeha runs detached (apt, kubeadm) run in the foreground here: Ansible has no
      # equivalent, so a dropped connection ends them.
      """;

  private AnsibleExport() {}

  public static AnsibleProject render(Inventory inv, Plan plan) {
    if (inv.spec().artifacts().bundle() != null) {
      // Serving a bundle is the worker's: it unpacks and checks each entry over its SSH.
      throw new IllegalArgumentException(
          "spec.artifacts.bundle: the Ansible export cannot serve a bundle — export without it"
              + " (and with mirror and aptRepository pointed at a server of yours), or run kubeha");
    }
    TreeMap<String, String> files = new TreeMap<>();
    files.put(AnsibleProject.INVENTORY, InventoryYaml.inventory(inv));
    files.put(AnsibleProject.CONFIG, InventoryYaml.config(inv));
    String firstMaster = inv.firstControlPlane().name();
    BringUpGraph graph = BringUpGraph.of(inv, plan);
    List<PhasePlay> plays = new ArrayList<>();
    for (List<Task> level : graph.levels()) {
      Map<String, String> fileByHost = new LinkedHashMap<>();
      Set<Phase> phases = EnumSet.noneOf(Phase.class);
      for (Task t : level) {
        List<Step> steps = graph.steps(t);
        if (!t.clusterWide() && !steps.isEmpty()) {
          phases.add(t.phase());
          fileByHost.put(t.host(), PhasePlay.fileName(t.phase()));
          files.put(
              PhasePlay.taskFile(t.host(), t.phase()),
              taskFile(t.host(), t.phase(), steps, firstMaster));
        }
      }
      if (!fileByHost.isEmpty()) {
        String name =
            (plays.size() + 1)
                + ". "
                + String.join(" + ", phases.stream().map(Phase::title).toList());
        plays.add(new PhasePlay(name, fileByHost, bound(inv, phases, fileByHost.size())));
      }
    }
    files.put(AnsibleProject.SITE, SitePlaybook.render(plan.cluster(), plays));
    return new AnsibleProject(files);
  }

  private static String taskFile(String host, Phase phase, List<Step> steps, String firstMaster) {
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      tasks.addAll(StepTasks.render(step, i, JoinSecretTasks.of(step, firstMaster).orElse(null)));
    }
    return TASKS_HEADER.formatted(phase.title().toLowerCase(), host) + AnsibleYaml.write(tasks);
  }

  /**
   * Hosts at a time: node prep, the control planes' join prepares and worker joins are bounded by
   * workerConcurrency. Control planes join one by one without a bound: each join needs the one
   * before, so each is in a level of its own.
   */
  private static int bound(Inventory inv, Set<Phase> phases, int hosts) {
    Integer concurrency = inv.spec().options().workerConcurrency();
    boolean bounded =
        phases.contains(Phase.PREPARE_NODES)
            || phases.contains(Phase.PREPARE_CONTROL_PLANE_JOINS)
            || phases.contains(Phase.JOIN_WORKERS);
    return bounded && concurrency != null && concurrency < hosts ? concurrency : 0;
  }
}
