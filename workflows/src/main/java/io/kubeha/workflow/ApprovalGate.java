package io.kubeha.workflow;

import io.temporal.workflow.Workflow;

/** The durable wait for an operator's approval (of kubeadm init, an upgrade, a restore). */
final class ApprovalGate {
  private final String what;
  private boolean waiting;
  private String approvedBy;

  ApprovalGate() {
    this("kubeadm init");
  }

  ApprovalGate(String what) {
    this.what = what;
  }

  boolean waiting() {
    return waiting;
  }

  /** Waits, for as long as it takes, until someone approves. */
  String await() {
    waiting = true;
    Workflow.await(() -> approvedBy != null);
    return approvedBy;
  }

  /**
   * Throws unless the run waits at the gate: an approval must follow reading the plan it approves.
   */
  void validate() {
    if (!waiting) {
      throw new IllegalStateException("not waiting for approval of " + what);
    }
  }

  /** Records the approval; returns who approved. */
  String approve(String by) {
    waiting = false;
    approvedBy = by == null || by.isBlank() ? "unknown" : by;
    return approvedBy;
  }
}
