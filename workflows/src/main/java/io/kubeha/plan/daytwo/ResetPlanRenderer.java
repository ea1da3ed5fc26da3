package io.kubeha.plan.daytwo;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Teardown;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A reset's plan: the gate, then kubeadm reset and the Kubernetes teardown on the workers within
 * the bound, then on the control planes one at a time (the first last: the cluster began there),
 * then keepalived and nginx stopped on the load balancers.
 */
public final class ResetPlanRenderer {
  private ResetPlanRenderer() {}

  public static OperationPlan render(Inventory inv) {
    java.util.function.Function<String, List<PlannedStep>> steps =
        host -> List.of(NodeSteps.reset(host), PlannedStep.of(Teardown.kubernetes(inv), host));
    List<String> workers = NodeSteps.workers(inv.nodes());
    List<String> masters = new ArrayList<>(NodeSteps.names(inv.controlPlanes()));
    Collections.reverse(masters);
    List<Wave> waves = new ArrayList<>();
    waves.add(
        Wave.note(
            Phase.AWAIT_RESET_APPROVAL,
            "Waits for approval: the CLI asks for the cluster's name typed back (or --yes), or"
                + " ./kubeha approve. Every workload and all cluster state (etcd) are lost."));
    if (!workers.isEmpty()) {
      waves.add(
          new Wave(
              Phase.RESET_NODES,
              null,
              NodeSteps.concurrency(inv),
              NodeSteps.turns(workers, steps)));
    }
    waves.add(
        new Wave(
            Phase.RESET_NODES,
            "Each etcd member leaves a cluster that still has quorum.",
            1,
            NodeSteps.turns(masters, steps)));
    if (inv.hasLoadBalancers()) {
      waves.add(
          NodeSteps.each(
              Phase.STOP_LOAD_BALANCERS,
              "The VIP " + inv.spec().controlPlaneEndpoint().vip() + " goes.",
              NodeSteps.concurrency(inv),
              NodeSteps.names(inv.loadBalancers()),
              lb -> PlannedStep.of(Teardown.loadBalancer(), lb)));
    }
    return new OperationPlan(
        "reset", inv.clusterName(), "the reset of cluster " + inv.clusterName(), List.of(), waves);
  }
}
