package io.kubeha.campaign;

import java.util.List;

/**
 * One faulted bring-up, judged through the lab: finished (every `up` attached to the one run, the
 * last exited 0, the run verified the cluster), wall seconds from the run's start to its close, and
 * every problem found.
 */
record RunOutcome(
    List<FaultOutcome> faults,
    boolean finished,
    double wallSeconds,
    List<String> duplicates,
    List<String> reapplied,
    List<String> leaks,
    List<String> problems) {
  boolean clean() {
    return finished
        && duplicates.isEmpty()
        && reapplied.isEmpty()
        && leaks.isEmpty()
        && problems.isEmpty();
  }

  List<String> everyProblem() {
    return java.util.stream.Stream.of(problems, duplicates, reapplied, leaks)
        .flatMap(List::stream)
        .toList();
  }
}
