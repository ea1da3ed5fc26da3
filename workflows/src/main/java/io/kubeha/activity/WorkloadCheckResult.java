package io.kubeha.activity;

import java.util.List;

/**
 * What the check saw: the Pods, the Service's ClusterIP and NodePort, every probe in the order it
 * ran, and whether the workload was left in place.
 */
public record WorkloadCheckResult(
    List<CheckPod> pods, String clusterIp, int nodePort, List<WorkloadProbe> probes, boolean kept) {

  /** The probes that did not answer as they should. */
  public List<WorkloadProbe> failed() {
    return probes.stream().filter(p -> !p.ok()).toList();
  }

  /** The nodes the Pods ran on, in the order first seen. */
  public List<String> podNodes() {
    return pods.stream().map(CheckPod::node).distinct().toList();
  }
}
