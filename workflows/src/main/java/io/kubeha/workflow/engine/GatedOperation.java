package io.kubeha.workflow.engine;

/**
 * A day-2 operation that waits at an approval gate unless the operator approved it at the start.
 */
public interface GatedOperation {
  ApprovalGate gate();

  boolean autoApproved();

  /** What is approved, for the log: "the upgrade to 1.37.2", "the restore of lab". */
  String approvalSubject();

  /** What the gate shows the approver: what the operation will do, on which hosts. */
  String plan();
}
