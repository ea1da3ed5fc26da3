package io.kubeha.ansible;

import io.kubeha.plan.Phase;
import java.util.List;
import java.util.Locale;

/** One phase's play: the hosts with steps in it, and how many run at once (0: all). */
record PhasePlay(Phase phase, List<String> hosts, int serial) {

  /** NN-phase-name.yml, numbered as the text plan numbers phases. */
  static String fileName(Phase phase) {
    return String.format(Locale.ROOT, "%02d", phase.ordinal() + 1)
        + "-"
        + phase.name().toLowerCase(Locale.ROOT).replace('_', '-')
        + ".yml";
  }

  /** tasks/HOST/NN-phase-name.yml */
  static String taskFile(String host, Phase phase) {
    return "tasks/" + host + "/" + fileName(phase);
  }
}
