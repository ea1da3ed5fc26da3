package io.kubeha.workflow.engine;

import io.kubeha.plan.Phase;

/**
 * One phase of an operation (a bring-up, a removal, ...): what it is called, whether it has work
 * for this run, and the work, all on the operation's shared context C.
 */
public interface OperationPhase<C> {

  Phase id();

  default String title() {
    return id().title();
  }

  /** False when the phase has nothing to do for this run; it is then skipped. */
  default boolean shouldRun(C ctx) {
    return true;
  }

  StepTally run(C ctx);
}
