package io.kubeha.workflow;

import io.kubeha.plan.Phase;

/** One phase of a bring-up: what it is called, whether it has work, and the work. */
interface BringUpPhase {

  Phase id();

  default String title() {
    return id().title();
  }

  /** False when the phase has nothing to do for this inventory or this run; it is then skipped. */
  default boolean shouldRun(BringUpContext ctx) {
    return true;
  }

  StepTally run(BringUpContext ctx);
}
