package io.kubeha.plan.graph;

import io.kubeha.plan.Phase;

/**
 * One node of the bring-up graph: a host's steps of one phase, run in order, or a task of the whole
 * cluster (host null: preflight, the approval, verify).
 */
public record Task(Phase phase, String host) {
  public static Task ofCluster(Phase phase) {
    return new Task(phase, null);
  }

  public static Task on(String host, Phase phase) {
    return new Task(phase, host);
  }

  public boolean clusterWide() {
    return host == null;
  }

  @Override
  public String toString() {
    return clusterWide() ? phase.name() : host + " " + phase.name();
  }
}
