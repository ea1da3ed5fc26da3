package io.kubeha.campaign;

import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanRenderer;
import io.kubeha.worker.LabCluster;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bring-up graph's fault moments: a lab host starting the k-th step of its chain, drawn from the
 * plan, plus a kubeadm join job started. Hosts run their phases in their own order, so the k-th
 * step's start is k steps done on the host whatever the other hosts do. Only steps the parent shows
 * are drawn: a host's prep runs in a child that shows its first step alone.
 */
final class GraphMoments {
  /** The lab's shape, `lab up 3 3 2`. */
  static final String LAB_INVENTORY = "/campaign/lab-inventory.yaml";

  private GraphMoments() {}

  /** The moments of the lab's bring-up. */
  static Moments lab() {
    try {
      Path file = Path.of(GraphMoments.class.getResource(LAB_INVENTORY).toURI());
      return of(PlanRenderer.render(LabCluster.loadInventory(file)), Campaign.LAB_HOSTS);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every shown step of hosts in plan, host by host, and the join job's start. */
  static Moments of(Plan plan, List<String> hosts) {
    List<Moments.Step> steps = new ArrayList<>();
    for (String host : hosts) {
      List<io.kubeha.plan.Step> chain = plan.host(host).orElseThrow().steps();
      for (int i = 0; i < chain.size(); i++) {
        io.kubeha.plan.Step s = chain.get(i);
        if (s.phase() != Phase.PREPARE_NODES || i == 0) {
          steps.add(new Moments.Step(s.phase(), host, s.id(), i));
        }
      }
    }
    return new Moments(
        List.of(),
        List.copyOf(steps),
        Moments.BRING_UP_PHASES.maxDelayMillis(),
        Moments.BRING_UP_PHASES.jobSuffix(),
        Moments.BRING_UP_PHASES.jobPhase(),
        Moments.BRING_UP_PHASES.lastJobPhase());
  }

  /**
   * step as the real plan numbers it (the lab's options, real nodes' registry say, may add steps):
   * the same id on the same host, or step as drawn when the real plan has no such step.
   */
  static Moments.Step inRealPlan(Moments.Step step, Plan real) {
    Optional<HostPlan> host = real.host(step.host());
    if (host.isEmpty()) {
      return step;
    }
    List<io.kubeha.plan.Step> chain = host.get().steps();
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).id().equals(step.step())) {
        return new Moments.Step(step.phase(), step.host(), step.step(), i);
      }
    }
    return step;
  }
}
