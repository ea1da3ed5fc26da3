package io.kubeha.plan.graph;

import io.kubeha.plan.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A big bring-up's hosts split between the parent run and child runs of a group of hosts each, so
 * the parent's history holds a few events per group instead of a dozen per host. A host goes to a
 * group when no other host's task waits for its own (only verify does): workers, never the first
 * master, the NTP server, the load balancers or a control plane another joins after. The cluster's
 * bound (workerConcurrency per phase) is shared: the parent's share and the groups' add up to it.
 */
public record HostGroups(List<String> parentHosts, int parentShare, List<Group> groups) {

  /** About this many hosts a group (fewer groups when the bound is smaller). */
  public static final int GROUP_SIZE = 50;

  /** One group: its index (from 1), its hosts in plan order, its share of the bound. */
  public record Group(int index, List<String> hosts, int share) {
    public Group {
      hosts = List.copyOf(hosts);
    }
  }

  public HostGroups {
    parentHosts = List.copyOf(parentHosts);
    groups = List.copyOf(groups);
  }

  /**
   * The split of graph's hosts under bound: no groups when no host can go to one or the bound
   * cannot be shared (below 2).
   */
  public static HostGroups of(BringUpGraph graph, int bound) {
    List<String> hosts = hosts(graph);
    Set<String> waitedFor = waitedFor(graph);
    List<String> groupable = hosts.stream().filter(h -> !waitedFor.contains(h)).toList();
    int count = Math.min((groupable.size() + GROUP_SIZE - 1) / GROUP_SIZE, bound - 1);
    if (count < 1) {
      return new HostGroups(hosts, bound, List.of());
    }
    List<String> parentHosts = hosts.stream().filter(waitedFor::contains).toList();
    // The parent's share follows its part of the hosts; it keeps at least one, each group too.
    int parentShare =
        Math.max(
            1,
            Math.min(
                bound - count,
                (int) Math.round((double) bound * parentHosts.size() / hosts.size())));
    int left = bound - parentShare;
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int from = groupable.size() * i / count;
      int to = groupable.size() * (i + 1) / count;
      int share = left / count + (i < left % count ? 1 : 0);
      groups.add(new Group(i + 1, groupable.subList(from, to), share));
    }
    return new HostGroups(parentHosts, parentShare, groups);
  }

  public boolean none() {
    return groups.isEmpty();
  }

  /** The group a host belongs to; empty for the parent's own hosts. */
  public Optional<Group> of(String host) {
    return groups.stream().filter(g -> g.hosts().contains(host)).findFirst();
  }

  /** The hosts of the graph's tasks, in plan order. */
  private static List<String> hosts(BringUpGraph graph) {
    Set<String> hosts = new LinkedHashSet<>();
    graph.tasks().stream().filter(t -> !t.clusterWide()).forEach(t -> hosts.add(t.host()));
    return List.copyOf(hosts);
  }

  /** The hosts with a task that another host's task, or a cluster task but verify, waits for. */
  private static Set<String> waitedFor(BringUpGraph graph) {
    Set<String> waited = new HashSet<>();
    for (Task t : graph.tasks()) {
      for (Task d : t.clusterWide() ? Set.<Task>of() : graph.neededBy(t)) {
        if (!t.host().equals(d.host()) && d.phase() != Phase.VERIFY_CLUSTER) {
          waited.add(t.host());
        }
      }
    }
    return waited;
  }
}
