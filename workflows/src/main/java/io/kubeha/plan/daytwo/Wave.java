package io.kubeha.plan.daytwo;

import io.kubeha.plan.Phase;
import java.util.List;

/**
 * One stretch of an operation's order, within a phase: its hosts, at most atOnce of them at a time
 * (1: one after another), each running its steps in order; the next wave starts once this one is
 * done. note says what the wave does beyond its commands (a gate, a check, when it runs at all).
 */
public record Wave(Phase phase, String note, int atOnce, List<HostTurn> hosts) {

  public Wave {
    hosts = List.copyOf(hosts);
  }

  /** A wave that runs no command: a gate, or a check that only reads. */
  public static Wave note(Phase phase, String note) {
    return new Wave(phase, note, 0, List.of());
  }
}
