package io.kubeha.starter;

import io.kubeha.workflow.ApproveInitResult;
import io.kubeha.workflow.ClusterRestore;
import io.kubeha.workflow.ClusterUpgrade;
import io.kubeha.workflow.InitPlan;
import io.kubeha.workflow.PhaseView;
import io.kubeha.workflow.WorkflowIds;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha approve [CLUSTER]: show the init plan, ask, and send the approveInit update. */
@Command(
    name = "approve",
    header = "Show the gated plan (init, upgrade, restore), then approve it",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha approve", "  ./kubeha approve prod-a --yes"},
    mixinStandardHelpOptions = true,
    description = {
      "Shows what kubeadm init will do, asks, then approves it (the approveInit update).",
      "Exit 2 when the run is not waiting at the approval gate."
    })
public final class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterArgument cluster;
  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-y", "--yes"},
      description = "Approve without asking.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), true)) {
      String name = cluster.resolve(connection);
      String type = connection.untyped(name).describe().getWorkflowType();
      if (Operations.UPGRADE.equals(type)) {
        return approveAt(upgradeGate(connection, name), connection.approver(), out);
      }
      if (Operations.RESTORE.equals(type)) {
        return approveAt(restoreGate(connection, name), connection.approver(), out);
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
  }

  /**
   * A day-2 operation's gate: what it approves, where the run stands, the plan it shows, the
   * approving update.
   */
  private record Gate(
      String what,
      Supplier<PhaseView> phase,
      Supplier<String> plan,
      UnaryOperator<String> approve) {}

  private Gate upgradeGate(TemporalConnection connection, String name) {
    ClusterUpgrade run =
        connection.client().newWorkflowStub(ClusterUpgrade.class, WorkflowIds.cluster(name));
    return new Gate(
        "the upgrade of cluster " + name, run::phase, run::upgradePlan, run::approveUpgrade);
  }

  private Gate restoreGate(TemporalConnection connection, String name) {
    ClusterRestore run =
        connection.client().newWorkflowStub(ClusterRestore.class, WorkflowIds.cluster(name));
    return new Gate(
        "the restore of cluster " + name + "'s etcd",
        run::phase,
        run::restorePlan,
        run::approveRestore);
  }

  /** The plan, the question, the update; bad input when the run is not at its gate. */
  private int approveAt(Gate gate, String approver, PrintWriter out) {
    PhaseView phase = gate.phase().get();
    if (!phase.waitingForApproval()) {
      throw new BadInputException(
          gate.what() + " is not waiting for approval (it is at: " + phase.title() + ")");
    }
    out.println(gate.plan().get());
    out.flush();
    if (!Prompt.confirm(yes, "Approve " + gate.what() + "?")) {
      out.println("Not approved; the run keeps waiting at the gate.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    try {
      String by = gate.approve().apply(approver);
      out.println(
          Character.toUpperCase(gate.what().charAt(0))
              + gate.what().substring(1)
              + " approved by "
              + by
              + ".");
    } catch (io.temporal.client.WorkflowUpdateException e) {
      throw new BadInputException(
          "the run did not take the approval of " + gate.what() + ": " + FailureText.of(e));
    }
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
