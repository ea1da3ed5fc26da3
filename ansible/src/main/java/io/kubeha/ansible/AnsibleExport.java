package io.kubeha.ansible;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan as a runnable Ansible project: one play per phase in kubeha's order, each host running
 * its own task file for that phase. Pure and deterministic: the same plan gives the same bytes.
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
    TreeMap<String, String> files = new TreeMap<>();
    files.put(AnsibleProject.INVENTORY, InventoryIni.inventory(inv));
    files.put(AnsibleProject.CONFIG, InventoryIni.config(inv));
    String firstMaster = inv.firstControlPlane().name();
    List<PhasePlay> plays = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      List<String> hosts = new ArrayList<>();
      for (HostPlan host : plan.hosts()) {
        List<Step> steps = host.steps(phase);
        if (!steps.isEmpty()) {
          hosts.add(host.host());
          files.put(
              PhasePlay.taskFile(host.host(), phase),
              taskFile(host.host(), phase, steps, firstMaster));
        }
      }
      if (!hosts.isEmpty()) {
        plays.add(new PhasePlay(phase, hosts, bound(inv, phase, hosts.size())));
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
   * Hosts at a time: control planes join one by one (etcd); node prep and worker joins are bounded
   * by workerConcurrency.
   */
  private static int bound(Inventory inv, Phase phase, int hosts) {
    if (phase == Phase.JOIN_CONTROL_PLANES) {
      return 1;
    }
    Integer concurrency = inv.spec().options().workerConcurrency();
    boolean bounded = phase == Phase.PREPARE_NODES || phase == Phase.JOIN_WORKERS;
    return bounded && concurrency != null && concurrency < hosts ? concurrency : 0;
  }
}
