package io.kubeha.plan;

import java.util.List;

/** The steps of one host, in execution order across phases. */
public record HostPlan(String host, String address, List<String> roles, List<Step> steps) {

  public List<Step> steps(Phase phase) {
    return steps.stream().filter(s -> s.phase() == phase).toList();
  }
}
