package io.kubeha.workflow.bringup;

import io.kubeha.activity.GroupWork;
import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Plan;
import io.kubeha.plan.PlanData;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.HostGroups.Group;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group's slice of its parent's run: the inventory of its hosts and the first master (its joins
 * name it), their plan without the kubeadm config (a group runs no init), their part of the graph,
 * its share of the bound and the plan's layout.
 */
final class GroupSlice {
  private GroupSlice() {}

  static GroupWork of(BringUpContext ctx, BringUpGraph graph, Group group) {
    Set<String> keep = new HashSet<>(group.hosts());
    keep.add(ctx.inventory().firstControlPlane().name());
    Set<String> others = new HashSet<>();
    ctx.inventory().hosts().stream()
        .map(HostSpec::name)
        .filter(h -> !keep.contains(h))
        .forEach(others::add);
    Set<String> hosts = new HashSet<>(group.hosts());
    Plan plan = ctx.plan();
    List<HostPlan> hostPlans = plan.hosts().stream().filter(h -> hosts.contains(h.host())).toList();
    return new GroupWork(
        ctx.inventory().without(others),
        PlanData.of(new Plan(plan.cluster(), plan.controlPlaneEndpoint(), null, hostPlans)),
        graph.part(group.hosts()),
        group.share(),
        ctx.timePackage());
  }
}
