package io.kubeha.activities;

import io.kubeha.activity.StepResult;
import java.util.List;

/** The result of one step an activity ran on a host, timed from when it started. */
final class StepResults {
  private StepResults() {}

  /** A step that names itself as what it applied, when it changed anything. */
  static StepResult of(String host, String step, boolean changed, long startedMillis) {
    return of(host, step, changed, changed ? List.of(step) : List.of(), startedMillis);
  }

  static StepResult of(
      String host, String step, boolean changed, List<String> applied, long startedMillis) {
    return new StepResult(host, step, changed, applied, System.currentTimeMillis() - startedMillis);
  }
}
