package io.kubeha.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.inventory.Inventory;
import io.kubeha.plan.graph.BringUpGraph;
import io.kubeha.plan.graph.GraphPart;
import io.kubeha.plan.graph.HostGroups;
import io.kubeha.plan.graph.HostGroups.Group;
import io.kubeha.plan.graph.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which hosts a big bring-up runs in groups, and how the cluster's bound is shared. */
class HostGroupsTest {

  @Test
  void aThousandHostsSplitIntoGroupsThatShareTheClustersBound() {
    BringUpGraph graph = graph(io.kubeha.workflow.TestInventories.scaled(1000, 10));
    HostGroups split = HostGroups.of(graph, 10);

    // Nine groups of 111 or 112 hosts, one share each; the parent keeps the tenth.
    assertEquals(9, split.groups().size());
    assertEquals(1, split.parentShare());
    assertEquals(10, split.parentShare() + split.groups().stream().mapToInt(Group::share).sum());
    assertTrue(split.groups().stream().allMatch(g -> g.share() >= 1));
    int smallest = split.groups().stream().mapToInt(g -> g.hosts().size()).min().orElseThrow();
    int largest = split.groups().stream().mapToInt(g -> g.hosts().size()).max().orElseThrow();
    assertTrue(largest - smallest <= 1, smallest + " to " + largest + " hosts a group");
    List<String> every = new ArrayList<>(split.parentHosts());
    split.groups().forEach(g -> every.addAll(g.hosts()));
    assertEquals(1000, every.size());
    assertEquals(1000, new HashSet<>(every).size(), "every host once");
    // The first master (init, the CNI), the second (the third joins after it), both balancers
    // (init waits for them; the first serves time).
    assertEquals(
        List.of("kube-master-1", "kube-master-2", "HA-LB-A", "HA-LB-B"), split.parentHosts());
  }

  @Test
  void aGroupedHostsTasksAreWaitedForOnlyByItsOwnAndVerify() {
    Inventory lab = TestInventories.lab();
    BringUpGraph graph = graph(lab);
    HostGroups split = HostGroups.of(graph, 10);

    assertFalse(split.none());
    for (Group g : split.groups()) {
      for (String host : g.hosts()) {
        for (Task t : graph.tasks()) {
          if (host.equals(t.host())) {
            graph
                .neededBy(t)
                .forEach(
                    d ->
                        assertTrue(
                            host.equals(d.host()) || d.phase() == Phase.VERIFY_CLUSTER,
                            d + " waits for " + t));
          }
        }
      }
    }
    for (String host : split.parentHosts()) {
      assertTrue(
          graph.tasks().stream()
              .filter(t -> host.equals(t.host()))
              .flatMap(t -> graph.neededBy(t).stream())
              .anyMatch(d -> !host.equals(d.host()) && d.phase() != Phase.VERIFY_CLUSTER),
          "another host waits for " + host);
    }
  }

  @Test
  void aBoundOfOneCannotBeSharedSoNoHostIsGrouped() {
    HostGroups split = HostGroups.of(graph(io.kubeha.workflow.TestInventories.scaled(100, 1)), 1);
    assertTrue(split.none());
    assertEquals(100, split.parentHosts().size());
    assertEquals(1, split.parentShare());
  }

  @Test
  void aGroupsPartHoldsItsTasksWithTheirNeedsAndWhatTheyWaitForElsewhereBare() {
    Inventory inv = io.kubeha.workflow.TestInventories.scaled(120, 10);
    Plan plan = PlanRenderer.render(inv);
    BringUpGraph graph = BringUpGraph.of(inv, plan);
    Group group = HostGroups.of(graph, 10).groups().get(1);
    Set<String> hosts = new HashSet<>(group.hosts());

    BringUpGraph part = BringUpGraph.of(graph.part(group.hosts()), plan);
    Set<Task> elsewhere = new HashSet<>();
    for (Task t : graph.tasks()) {
      if (hosts.contains(t.host())) {
        assertEquals(graph.needs(t), part.needs(t), "needs of " + t);
        assertEquals(graph.steps(t), part.steps(t), "steps of " + t);
        graph.needs(t).stream().filter(n -> !hosts.contains(n.host())).forEach(elsewhere::add);
      }
    }
    // What the workers wait for elsewhere: preflight, the time server, init and the CNI.
    assertEquals(
        Set.of(
            Task.ofCluster(Phase.PREFLIGHT),
            Task.on("HA-LB-A", Phase.START_TIME_SERVER),
            Task.on("kube-master-1", Phase.INIT_FIRST_CONTROL_PLANE),
            Task.on("kube-master-1", Phase.INSTALL_CNI)),
        elsewhere);
    for (GraphPart.TaskNeeds t : graph.part(group.hosts()).tasks()) {
      if (elsewhere.contains(t.task())) {
        assertTrue(t.needs().isEmpty(), t.task() + " is bare");
      }
    }
    assertEquals(
        group.hosts().size() * 3 + elsewhere.size(), part.tasks().size(), "prep, sync, join each");
  }

  private static BringUpGraph graph(Inventory inv) {
    return BringUpGraph.of(inv, PlanRenderer.render(inv));
  }
}
