package io.kubeha.workflow.bringup;

import io.kubeha.plan.graph.Task;
import io.kubeha.workflow.engine.CarriedFailure;

/**
 * A graph task that ended, told from one run of a bring-up to another: ok, or not (failed, or
 * blocked by a failure); failure is the task's own failure, null when the teller is not the run
 * that failed.
 */
public record TaskEnd(Task task, boolean ok, CarriedFailure failure) {

  static TaskEnd done(Task task) {
    return new TaskEnd(task, true, null);
  }

  static TaskEnd notDone(Task task) {
    return new TaskEnd(task, false, null);
  }
}
