package io.kubeha.plan.daytwo;

import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.TestInventoryBuilder;
import io.kubeha.plan.Phase;
import io.kubeha.plan.TestInventories;
import java.util.List;

/** The lab's inventory for the day-2 renderers, and what their plans are read by in tests. */
final class DayTwoPlans {
  static final String BASE = "/var/lib/kubeha";

  private DayTwoPlans() {}

  /** 3 control planes, 3 workers, 2 load balancers. */
  static Inventory lab() {
    return TestInventories.lab();
  }

  /** The lab's first control plane and first worker, no load balancer. */
  static Inventory small() {
    Inventory lab = lab();
    return TestInventoryBuilder.from(lab)
        .hosts(
            lab.spec().hosts().stream()
                .filter(h -> h.name().equals("kube-master-1") || h.name().equals("kube-worker-1"))
                .toList())
        .build();
  }

  static Inventory withConcurrency(Inventory inv, int workerConcurrency) {
    return TestInventoryBuilder.from(inv)
        .options(TestInventoryBuilder.options(false, false, workerConcurrency))
        .build();
  }

  static List<Phase> phases(OperationPlan plan) {
    return plan.waves().stream().map(Wave::phase).toList();
  }

  /** Each wave's hosts, in order. */
  static List<List<String>> hosts(OperationPlan plan) {
    return plan.waves().stream().map(w -> w.hosts().stream().map(HostTurn::host).toList()).toList();
  }

  static List<String> stepNames(OperationPlan plan, String host) {
    return plan.steps(host).stream().map(PlannedStep::name).toList();
  }

  static PlannedStep step(OperationPlan plan, String host, String name) {
    return plan.steps(host).stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(host + " has no step " + name));
  }

  static List<String> runs(PlannedStep step) {
    return step.commands().stream().map(PlannedCommand::run).toList();
  }
}
