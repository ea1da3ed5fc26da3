package io.kubeha.workflow.engine;

import io.temporal.workflow.Workflow;

/**
 * The durable wait for an operator's approval (of kubeadm init, an upgrade, a restore, a reset, a
 * removal). An approval must name the gate's cluster: whoever can send an update cannot approve a
 * cluster they did not name.
 */
public final class ApprovalGate {
  /**
   * From this version a signalled approval (init's) must name the cluster too; runs gated before it
   * replay the nameless signals they recorded.
   */
  public static final String NAMES_CLUSTER = "approval-names-cluster";

  private final String what;
  private final String cluster;
  private boolean waiting;
  private boolean signalNamesCluster = true;
  private String approvedBy;

  public ApprovalGate(String what, String cluster) {
    this.what = what;
    this.cluster = cluster;
  }

  public boolean waiting() {
    return waiting;
  }

  /** Waits, for as long as it takes, until someone approves. */
  public String await() {
    signalNamesCluster =
        Workflow.getVersion(NAMES_CLUSTER, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
    waiting = true;
    Workflow.await(() -> approvedBy != null);
    return approvedBy;
  }

  /**
   * Throws unless the run waits at the gate (an approval must follow reading the plan it approves)
   * and the request names this cluster. An update validator: a refused approval leaves no trace in
   * history, and validators do not run on replay, so this needs no version.
   */
  public void validate(ApprovalRequest request) {
    if (!waiting) {
      throw new IllegalStateException("not waiting for approval of " + what);
    }
    String refusal = refusal(request);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /** Whether a signalled approval counts: it must name the cluster, except in older runs. */
  public boolean acceptsSignal(ApprovalRequest request) {
    return waiting && (!signalNamesCluster || refusal(request) == null);
  }

  /** Why the request does not approve this cluster, or null when it names it. */
  private String refusal(ApprovalRequest request) {
    String named = request == null ? null : request.cluster();
    if (named == null || named.isBlank()) {
      return "the approval of "
          + what
          + " must name the cluster: send {\"approvedBy\": ..., \"cluster\": \""
          + cluster
          + "\"} (./kubeha approve does)";
    }
    if (!named.equals(cluster)) {
      return "the approval names cluster '"
          + named
          + "', but this run is cluster '"
          + cluster
          + "': nothing was approved";
    }
    return null;
  }

  /** Records the approval; returns who approved. */
  public String approve(ApprovalRequest request) {
    String by = request == null ? null : request.approvedBy();
    waiting = false;
    approvedBy = by == null || by.isBlank() ? "unknown" : by;
    return approvedBy;
  }
}
