package io.kubeha.starter;

import io.kubeha.workflow.bringup.ApproveInitResult;
import io.kubeha.workflow.bringup.InitPlan;
import io.kubeha.workflow.engine.PhaseView;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * kubeha approve [CLUSTER]: show the gated plan, ask, and send the approval update naming the
 * cluster.
 */
@Command(
    name = "approve",
    header = "Show what a run waits to have approved, then approve it",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha approve", "  ./kubeha approve prod-a --yes"},
    mixinStandardHelpOptions = true,
    description = {
      "Shows what the run waits to have approved (kubeadm init, an upgrade, a restore, a reset, a removal), asks"
          + " (a reset or a removal: the cluster name typed back), then approves it through the run's approval update,"
          + " which names the cluster.",
      "Exit 2 when the run is not waiting at the approval gate."
    })
public final class ApproveCommand extends ClusterRunCommand {

  @Option(
      names = {"-y", "--yes"},
      description = "Approve without asking.")
  boolean yes;

  @Override
  int callOn(TemporalConnection connection, String name, PrintWriter out) {
    String type = connection.untyped(name).describe().getWorkflowType();
    var gate = OperationGate.of(connection, name, type);
    if (gate.isPresent()) {
      return approveAt(gate.get(), name, out);
    }
    PhaseView phase = connection.run(name).phase();
    if (phase.waitingForApproval()) {
      InitPlan plan = connection.run(name).initPlan();
      out.println(InitPlanPrinter.text(plan));
      out.flush();
      if (!Prompt.confirm(yes, "Approve kubeadm init on " + plan.firstMaster() + "?")) {
        out.println("Not approved; the run keeps waiting at the gate.");
        out.flush();
        return ExitCodes.FAILURE;
      }
    }
    // Not at the gate: the workflow's validator rejects the update and has the last word.
    ApproveInitResult result = approve(connection, name, phase);
    out.println(
        "kubeadm init on " + result.firstMaster() + " approved by " + result.approvedBy() + ".");
    out.flush();
    return ExitCodes.OK;
  }

  /** The plan, the question, the update naming the cluster; bad input when not at its gate. */
  private int approveAt(OperationGate gate, String cluster, PrintWriter out) {
    PhaseView phase = gate.phase().get();
    if (!phase.waitingForApproval()) {
      throw new BadInputException(
          gate.what() + " is not waiting for approval (it is at: " + phase.title() + ")");
    }
    out.println(gate.plan().get().stripTrailing());
    out.flush();
    String by = gate.confirmAndApprove(cluster, yes);
    if (by == null) {
      out.println("Not approved; the run keeps waiting at the gate.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    out.println(gate.approvedBy(by));
    out.flush();
    return ExitCodes.OK;
  }

  private static ApproveInitResult approve(
      TemporalConnection connection, String name, PhaseView phase) {
    try {
      return Approval.send(connection, name);
    } catch (BadInputException e) {
      throw new BadInputException(e.getMessage() + " (the run is at: " + phase.title() + ")");
    }
  }
}
