package io.kubeha.workflow.bringup;

import io.kubeha.plan.graph.GraphState;
import io.kubeha.plan.graph.Task;
import io.temporal.failure.TemporalFailure;
import java.util.List;

/**
 * The tasks of a run's graph that another workflow of the same bring-up runs (its groups of hosts,
 * or a group's parent), what the run tells it and what it learns from it. NONE: the run runs its
 * whole graph.
 */
interface Elsewhere {
  Elsewhere NONE =
      new Elsewhere() {
        @Override
        public boolean runs(Task t) {
          return false;
        }

        @Override
        public void ended(Task t, TemporalFailure failure, List<Task> blocked) {}

        @Override
        public List<TaskEnd> learned() {
          return List.of();
        }

        @Override
        public boolean news() {
          return false;
        }

        @Override
        public boolean waiting(GraphState state, boolean cancelled) {
          return false;
        }
      };

  /** True when another workflow runs t: this run only learns how it ended. */
  boolean runs(Task t);

  /**
   * A task of this run ended (failure null: well, or skipped); blocked: what its failure stopped.
   */
  void ended(Task t, TemporalFailure failure, List<Task> blocked);

  /** How the tasks run elsewhere ended since the last call, in their order. */
  List<TaskEnd> learned();

  /** True when there is something to learn: the run wakes for it. */
  boolean news();

  /** True while the run waits for another workflow though none of its own tasks runs. */
  boolean waiting(GraphState state, boolean cancelled);

  /** After each round of the run, where it stands (a group tells its parent now and then). */
  default void round(GraphState state) {}

  /** The spans and steps of the phases' tasks run elsewhere, once it ended. */
  default List<PhaseSpan> spans() {
    return List.of();
  }
}
