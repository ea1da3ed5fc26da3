package io.kubeha.ansible;

import io.kubeha.plan.Phase;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One play: a level of the bring-up graph. Each host in it runs its own task file (one phase's
 * steps: a host has at most one task per level); serial is how many hosts run at once (0: all).
 */
record PhasePlay(String name, Map<String, String> fileByHost, int serial) {

  List<String> hosts() {
    return List.copyOf(fileByHost.keySet());
  }

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
