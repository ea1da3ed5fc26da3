package io.kubeha.plan;

import java.util.List;
import java.util.Optional;

/** Everything a bring-up writes and runs, per host and phase, rendered from the inventory alone. */
public record Plan(
    String cluster, String controlPlaneEndpoint, String kubeadmConfig, List<HostPlan> hosts) {

  public Optional<HostPlan> host(String name) {
    return hosts.stream().filter(h -> h.host().equals(name)).findFirst();
  }

  /** The steps of one phase on one host, in order (empty when the host takes no part). */
  public List<Step> steps(String host, Phase phase) {
    return host(host).map(h -> h.steps(phase)).orElse(List.of());
  }
}
