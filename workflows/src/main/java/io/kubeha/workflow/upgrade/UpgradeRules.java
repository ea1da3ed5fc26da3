package io.kubeha.workflow.upgrade;

import io.kubeha.activity.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Whether an upgrade may start: pure, over what the cluster said about itself. */
public final class UpgradeRules {
  private UpgradeRules() {}

  /** Problems naming the node and the fix; empty when the upgrade to `to` ("1.37.2") may start. */
  public static List<String> check(String to, List<String> inventoryNodes, ClusterState state) {
    List<String> problems = new ArrayList<>();
    Map<String, ClusterState.NodeState> nodes =
        state.nodes().stream()
            .collect(Collectors.toMap(ClusterState.NodeState::name, Function.identity()));
    int[] target = parse(to);
    for (String name : inventoryNodes) {
      ClusterState.NodeState n = nodes.get(name);
      if (n == null) {
        problems.add(name + ": not registered in the cluster (join it with ./kubeha up first)");
        continue;
      }
      if (!n.ready()) {
        problems.add(name + ": not Ready; an upgrade starts from a healthy cluster");
      }
      int[] have = parse(n.kubeletVersion().replaceFirst("^v", ""));
      if (have[1] > target[1] || (have[1] == target[1] && have[2] > target[2])) {
        problems.add(
            name
                + ": at "
                + n.kubeletVersion()
                + ", newer than "
                + to
                + " (kubeadm does not downgrade)");
      } else if (target[1] - have[1] > 1) {
        problems.add(
            name
                + ": at "
                + n.kubeletVersion()
                + "; kubeadm upgrades one minor version at a time: upgrade to "
                + have[0]
                + "."
                + (have[1] + 1)
                + " first");
      }
    }
    state.etcdMembers().stream()
        .filter(m -> !m.healthy())
        .forEach(
            m ->
                problems.add(
                    "etcd member "
                        + (m.name().isEmpty() ? "(unstarted)" : m.name())
                        + " is not healthy; fix etcd first"));
    return problems;
  }

  /** "1.37.2" as {1, 37, 2}. */
  static int[] parse(String version) {
    String[] parts = version.split("\\.");
    int[] out = new int[3];
    for (int i = 0; i < 3 && i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i].replaceAll("[^0-9].*$", ""));
    }
    return out;
  }
}
