package io.kubeha.workflow.bringup;

import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;

/** One phase of a bring-up. */
interface BringUpPhase extends OperationPhase<BringUpContext> {

  /**
   * The phase's work on one host: a task of the bring-up graph. A phase of the whole cluster
   * (preflight, the approval, init, verify) runs whole.
   */
  default StepTally runOn(BringUpContext ctx, String host) {
    return run(ctx);
  }
}
