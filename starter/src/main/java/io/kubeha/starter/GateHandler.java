package io.kubeha.starter;

import io.kubeha.workflow.bringup.InitPlan;

/**
 * What watching does once the run waits at an approval gate: approve (--yes), ask (kubeadm init),
 * or say how to approve.
 */
final class GateHandler {
  private final TemporalConnection connection;
  private final String cluster;
  private final boolean approve;
  private boolean handled;

  GateHandler(TemporalConnection connection, String cluster, boolean approve) {
    this.connection = connection;
    this.cluster = cluster;
    this.approve = approve;
  }

  void handle(RunSnapshot snapshot, RunView view) {
    if (handled || !snapshot.phase().waitingForApproval()) {
      return;
    }
    // Looked up before the gate counts as handled: a query that fails now is tried again.
    String type = connection.untyped(cluster).describe().getWorkflowType();
    var gate = OperationGate.of(connection, cluster, type);
    if (gate.isPresent()) {
      handled = true;
      dayTwo(gate.get(), view);
      return;
    }
    InitPlan plan = connection.run(cluster).initPlan();
    handled = true;
    String later = "approve later with ./kubeha approve " + cluster;
    if (!approve && !Prompt.available()) {
      view.note(
          "The run waits for approval of kubeadm init on "
              + plan.firstMaster()
              + "; "
              + later
              + " (it shows the init plan first).");
      return;
    }
    if (!approve) {
      view.note(InitPlanPrinter.text(plan));
      if (!Prompt.ask("Approve kubeadm init on " + plan.firstMaster() + "?")) {
        view.note("Not approved: the run waits at the gate; " + later + ".");
        return;
      }
    }
    try {
      var result = Approval.send(connection, cluster);
      view.note(
          "kubeadm init on " + result.firstMaster() + " approved by " + result.approvedBy() + ".");
    } catch (BadInputException e) {
      view.note(e.getMessage());
    }
  }

  /**
   * A day-2 operation's gate: approved with --yes (naming the cluster), else only said; asking
   * belongs to the command that started it, or to ./kubeha approve.
   */
  private void dayTwo(OperationGate gate, RunView view) {
    if (!approve) {
      view.note(
          "The run waits for approval of "
              + gate.what()
              + "; ./kubeha approve "
              + cluster
              + " shows its plan and approves it.");
      return;
    }
    try {
      view.note(gate.approvedBy(gate.confirmAndApprove(cluster, true)));
    } catch (BadInputException e) {
      view.note(e.getMessage());
    }
  }
}
