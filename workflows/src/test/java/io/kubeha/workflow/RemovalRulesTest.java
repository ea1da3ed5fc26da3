package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.ClusterState;
import io.kubeha.activity.ClusterState.EtcdMember;
import io.kubeha.inventory.Inventory;
import io.kubeha.workflow.removal.RemovalRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemovalRulesTest {
  private final Inventory inv = TestInventories.ha(10);

  @Test
  void aWorkerAndAControlPlaneMayGo() {
    assertEquals(List.of(), RemovalRules.check(inv, List.of("kube-worker-1", "kube-master-3")));
  }

  @Test
  void unknownHostsLoadBalancersAndTwiceNamedNodesAreRefusedByName() {
    List<String> problems =
        RemovalRules.check(
            inv, List.of("kube-wroker-1", "HA-LB-A", "kube-worker-2", "kube-worker-2"));
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("kube-wroker-1: not a host of cluster"), problems.get(0));
    assertTrue(problems.get(1).startsWith("HA-LB-A: a load balancer"), problems.get(1));
    assertTrue(problems.get(2).startsWith("kube-worker-2: named twice"), problems.get(2));
    assertTrue(RemovalRules.check(inv, List.of()).get(0).startsWith("no node named"));
  }

  @Test
  void theLastControlPlaneStays() {
    List<String> problems =
        RemovalRules.check(inv, List.of("kube-master-1", "kube-master-2", "kube-master-3"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).contains("the last control plane cannot be removed"), problems.get(0));
  }

  @Test
  void quorumMustHoldAfterEveryMemberRemoval() {
    ClusterState healthy = state(true, true, true);
    assertEquals(List.of(), RemovalRules.checkQuorum(List.of("kube-master-3"), healthy));
    assertEquals(
        List.of(), RemovalRules.checkQuorum(List.of("kube-master-2", "kube-master-3"), healthy));
    // master-2's etcd is down: removing master-3 would leave 1 healthy of 2, short of quorum 2.
    List<String> refused =
        RemovalRules.checkQuorum(List.of("kube-master-3"), state(true, false, true));
    assertEquals(1, refused.size(), refused.toString());
    assertTrue(
        refused.get(0).contains("quorum needs 2")
            && refused.get(0).contains("unhealthy: kube-master-2"),
        refused.get(0));
    // The dead member itself may go: the two that stay are healthy.
    assertEquals(
        List.of(), RemovalRules.checkQuorum(List.of("kube-master-2"), state(true, false, true)));
    ClusterState unstarted =
        new ClusterState(
            List.of(), List.of(new EtcdMember("kube-master-1", true), new EtcdMember("", false)));
    assertTrue(
        RemovalRules.checkQuorum(List.of("kube-master-1"), unstarted)
            .get(0)
            .contains("never started"));
  }

  private static ClusterState state(boolean... healthy) {
    List<EtcdMember> members = new java.util.ArrayList<>();
    for (int i = 0; i < healthy.length; i++) {
      members.add(new EtcdMember("kube-master-" + (i + 1), healthy[i]));
    }
    return new ClusterState(List.of(), members);
  }
}
