package io.kubeha.workflow;

/** One phase of a bring-up. */
interface BringUpPhase extends OperationPhase<BringUpContext> {}
