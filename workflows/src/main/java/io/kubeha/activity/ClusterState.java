package io.kubeha.activity;

import java.util.List;

/**
 * What the cluster says about itself: its nodes, and etcd's members (name "" for a member added but
 * never started) with whether each answered its /health endpoint.
 */
public record ClusterState(List<NodeState> nodes, List<EtcdMember> etcdMembers) {

  /** A node as the API server has it. */
  public record NodeState(
      String name, boolean ready, boolean unschedulable, String kubeletVersion) {}

  /** An etcd member; healthy when its client URL answered {"health":"true"}. */
  public record EtcdMember(String name, boolean healthy) {}
}
