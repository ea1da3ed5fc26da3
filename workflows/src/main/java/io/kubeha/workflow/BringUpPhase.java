package io.kubeha.workflow;

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
