package io.kubeha.starter;

import io.kubeha.workflow.InitPlan;

/**
 * What watching does once the run waits at the approval gate: approve (--yes), ask, or say how to
 * approve.
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
    handled = true;
    String type = connection.untyped(cluster).describe().getWorkflowType();
    if (!Operations.BRING_UP.equals(type)) {
      String what = Operations.describe(type);
      view.note(
          Character.toUpperCase(what.charAt(0))
              + what.substring(1)
              + " of cluster "
              + cluster
              + " waits for approval; ./kubeha approve "
              + cluster
              + " shows its plan and approves it.");
      return;
    }
    InitPlan plan = connection.run(cluster).initPlan();
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
}
