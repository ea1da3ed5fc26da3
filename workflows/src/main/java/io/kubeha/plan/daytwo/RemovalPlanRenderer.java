package io.kubeha.plan.daytwo;

import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import io.kubeha.inventory.Role;
import io.kubeha.plan.LoadBalancer;
import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * A removal's plan: the gate, the check, the workers within the bound, the control planes one at a
 * time, then the load balancers' nginx proxying only to the control planes that stay. kubectl and
 * etcd are asked on the first control plane that stays.
 */
public final class RemovalPlanRenderer {
  private RemovalPlanRenderer() {}

  /** nodes: valid for the inventory (RemovalRules.check). */
  public static OperationPlan render(Inventory inv, List<String> nodes, int drainTimeoutSeconds) {
    Inventory remaining = inv.without(nodes);
    String acting = remaining.firstControlPlane().name();
    List<HostSpec> going = inv.nodes().stream().filter(h -> nodes.contains(h.name())).toList();
    List<String> masters =
        NodeSteps.names(going.stream().filter(h -> h.has(Role.CONTROL_PLANE)).toList());
    List<String> workers = NodeSteps.workers(going);
    List<Wave> waves = new ArrayList<>();
    waves.add(
        Wave.note(
            Phase.AWAIT_REMOVAL_APPROVAL,
            "Waits for approval: the CLI asks for the cluster's name typed back (or --yes), or"
                + " ./kubeha approve."));
    waves.add(
        Wave.note(
            Phase.CHECK_REMOVAL,
            "Checks the request again, and asks etcd on "
                + acting
                + " that it keeps its quorum through every member removal; refused otherwise."));
    java.util.function.Function<String, List<PlannedStep>> steps =
        host -> {
          List<PlannedStep> chain = new ArrayList<>();
          chain.add(NodeSteps.drain(host, acting, drainTimeoutSeconds));
          chain.add(NodeSteps.reset(host));
          if (NodeSteps.controlPlane(inv, host)) {
            chain.add(NodeSteps.removeEtcdMember(acting));
          }
          chain.add(NodeSteps.deleteNode(host, acting));
          return chain;
        };
    String stops = "A drain that does not finish stops that node's removal; it is never deleted.";
    if (!workers.isEmpty()) {
      waves.add(
          new Wave(
              Phase.REMOVE_WORKERS,
              stops,
              NodeSteps.concurrency(inv),
              NodeSteps.turns(workers, steps)));
    }
    if (!masters.isEmpty()) {
      waves.add(new Wave(Phase.REMOVE_CONTROL_PLANES, stops, 1, NodeSteps.turns(masters, steps)));
      if (inv.hasLoadBalancers()) {
        waves.add(
            NodeSteps.each(
                Phase.UPDATE_LOAD_BALANCERS,
                "nginx proxies to the control planes that stay (a reload; the VIP stays).",
                NodeSteps.concurrency(inv),
                NodeSteps.names(inv.loadBalancers()),
                lb -> PlannedStep.of(LoadBalancer.nginx(remaining), lb)));
      }
    }
    return new OperationPlan(
        "remove",
        inv.clusterName(),
        "the removal of " + String.join(", ", nodes) + " from cluster " + inv.clusterName(),
        masters.isEmpty() ? List.of() : List.of(NodeSteps.memberIdPlaceholder()),
        waves);
  }
}
