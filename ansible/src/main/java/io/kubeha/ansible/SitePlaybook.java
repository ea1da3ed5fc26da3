package io.kubeha.ansible;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * site.yml: one play per level of kubeha's bring-up graph; within a play each host runs its own
 * task file at its own pace.
 */
final class SitePlaybook {
  static final String HEADER =
      """
      # Written by kubeha plan --format ansible for cluster %s: the same plan kubeha runs, one play per
      # level of its bring-up graph (a play needs only the plays before it).
      # Run: ansible-playbook site.yml (ansible.cfg sets the inventory, forks and SSH pipelining).
      # kubeha's approval gate before kubeadm init has no play here: use --start-at-task or --step to pause.
      # A host that fails drops out of the later plays and ansible-playbook exits non-zero (any_errors_fatal
      # does not work with the free strategy).
      """;

  private SitePlaybook() {}

  static String render(String cluster, List<PhasePlay> plays) {
    return HEADER.formatted(cluster)
        + AnsibleYaml.write(plays.stream().map(SitePlaybook::play).toList());
  }

  private static Map<String, Object> play(PhasePlay p) {
    Map<String, Object> play = new LinkedHashMap<>();
    play.put("name", p.name());
    play.put("hosts", p.hosts().stream().map(Unsafe::new).toList());
    play.put("vars", Map.of("kubeha_tasks", p.fileByHost()));
    play.put("become", true);
    play.put("gather_facts", false);
    // Each host goes through its own steps without waiting for the others, as kubeha's per-host
    // children do.
    play.put("strategy", "free");
    if (p.serial() > 0) {
      play.put("serial", p.serial());
    }
    Map<String, Object> include =
        Tasks.task(
            p.name(),
            "ansible.builtin.include_tasks",
            "tasks/{{ inventory_hostname }}/{{ kubeha_tasks[inventory_hostname] }}");
    play.put("tasks", List.of(include));
    return play;
  }
}
