package io.kubeha.activity;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import java.util.List;

/** What a HostPrep child needs to do its host's part: where to connect, and the steps in order. */
public record HostWork(SshTarget target, List<String> roles, Phase phase, List<Step> steps) {

  public HostWork {
    roles = List.copyOf(roles);
    steps = List.copyOf(steps);
  }
}
