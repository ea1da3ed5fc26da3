package io.kubeha.workflow.removal;

import io.kubeha.activity.ClusterState;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Inventory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which removals are allowed: pure, so the CLI checks them before starting and the workflow again
 * against etcd.
 */
public final class RemovalRules {
  private RemovalRules() {}

  /**
   * Problems with the request itself, each naming the node and the fix; empty when it may start.
   */
  public static List<String> check(Inventory inv, List<String> nodes) {
    List<String> problems = new ArrayList<>();
    if (nodes.isEmpty()) {
      problems.add(
          "no node named: give the names of the nodes to remove (as in the inventory's spec.hosts)");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String node : nodes) {
      Optional<HostSpec> h = inv.host(node);
      if (!seen.add(node)) {
        problems.add(node + ": named twice");
      } else if (h.isEmpty()) {
        problems.add(
            node
                + ": not a host of cluster "
                + inv.clusterName()
                + " (hosts: "
                + String.join(", ", inv.hosts().stream().map(HostSpec::name).toList())
                + ")");
      } else if (!h.get().isNode()) {
        problems.add(
            node + ": a load balancer, not a node; remove only control planes and workers");
      }
    }
    long masters = inv.controlPlanes().size();
    long removedMasters = inv.controlPlanes().stream().filter(m -> seen.contains(m.name())).count();
    if (masters > 0 && removedMasters == masters) {
      problems.add(
          "this removes every control plane ("
              + masters
              + "); the last control plane cannot be removed"
              + " (use ./kubeha reset to take the whole cluster down)");
    }
    return problems;
  }

  /**
   * etcd must keep quorum through every member removal, one at a time: after each, the healthy
   * members that stay must be a majority of the members that stay.
   */
  public static List<String> checkQuorum(List<String> removing, ClusterState state) {
    List<String> problems = new ArrayList<>();
    List<ClusterState.EtcdMember> members = new ArrayList<>(state.etcdMembers());
    long unstarted = members.stream().filter(m -> m.name().isEmpty()).count();
    if (unstarted > 0) {
      problems.add(
          "etcd has "
              + unstarted
              + " member(s) added but never started; fix etcd (etcdctl member list)"
              + " before removing a control plane");
      return problems;
    }
    for (String node : removing) {
      if (members.removeIf(m -> m.name().equals(node))) {
        long healthy = members.stream().filter(ClusterState.EtcdMember::healthy).count();
        int quorum = members.size() / 2 + 1;
        if (healthy < quorum) {
          List<String> unhealthy =
              members.stream()
                  .filter(m -> !m.healthy())
                  .map(ClusterState.EtcdMember::name)
                  .toList();
          problems.add(
              "removing "
                  + node
                  + " leaves "
                  + members.size()
                  + " etcd member(s) of which "
                  + healthy
                  + " are healthy; quorum needs "
                  + quorum
                  + " (unhealthy: "
                  + String.join(", ", unhealthy)
                  + "): bring them back first");
          return problems;
        }
      }
    }
    return problems;
  }
}
