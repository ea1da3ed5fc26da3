package io.kubeha.starter;

import io.kubeha.workflow.ApproveInitResult;
import io.kubeha.workflow.InitPlan;
import io.kubeha.workflow.PhaseView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import io.kubeha.workflow.ClusterRestore;
import io.kubeha.workflow.ClusterUpgrade;
import io.kubeha.workflow.WorkflowIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha approve [CLUSTER]: show the init plan, ask, and send the approveInit update. */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = {"Shows what kubeadm init will do, asks, then approves it (the approveInit update).",
        "Exit 2 when the run is not waiting at the approval gate."})
public final class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterArgument cluster;
  @Mixin TemporalOptions temporal;

  @Option(names = {"-y", "--yes"}, description = "Approve without asking.")
  boolean yes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalConnection connection = temporal.connect(spec.commandLine().getErr(), true)) {
      String name = cluster.resolve(connection);
      String type = connection.untyped(name).describe().getWorkflowType();
      if (Operations.UPGRADE.equals(type)) {
        return approveUpgrade(connection, name, out);
      }
      if (Operations.RESTORE.equals(type)) {
        return approveRestore(connection, name, out);
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
      out.println("kubeadm init on " + result.firstMaster() + " approved by " + result.approvedBy() + ".");
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** An upgrade's gate: kubeadm's plan, the question, the approveUpgrade update. */
  private int approveUpgrade(TemporalConnection connection, String name, PrintWriter out) {
    ClusterUpgrade run = connection.client().newWorkflowStub(ClusterUpgrade.class, WorkflowIds.cluster(name));
    PhaseView phase = run.phase();
    if (!phase.waitingForApproval()) {
      throw new BadInputException("the upgrade of cluster " + name + " is not waiting for approval (it is at: "
          + phase.title() + ")");
    }
    out.println(run.upgradePlan());
    out.flush();
    if (!Prompt.confirm(yes, "Approve the upgrade of cluster " + name + "?")) {
      out.println("Not approved; the run keeps waiting at the gate.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    try {
      out.println("Upgrade of cluster " + name + " approved by " + run.approveUpgrade(Approval.approver()) + ".");
    } catch (io.temporal.client.WorkflowUpdateException e) {
      throw new BadInputException("the run of cluster " + name + " did not take the approval: " + FailureText.of(e));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A restore's gate: what will be lost, the question, the approveRestore update. */
  private int approveRestore(TemporalConnection connection, String name, PrintWriter out) {
    ClusterRestore run = connection.client().newWorkflowStub(ClusterRestore.class, WorkflowIds.cluster(name));
    PhaseView phase = run.phase();
    if (!phase.waitingForApproval()) {
      throw new BadInputException("the restore of cluster " + name + " is not waiting for approval (it is at: "
          + phase.title() + ")");
    }
    out.println(run.restorePlan());
    out.flush();
    if (!Prompt.confirm(yes, "Restore the etcd of cluster " + name + " from this snapshot?")) {
      out.println("Not approved; the run keeps waiting at the gate.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    try {
      out.println("Restore of cluster " + name + " approved by " + run.approveRestore(Approval.approver()) + ".");
    } catch (io.temporal.client.WorkflowUpdateException e) {
      throw new BadInputException("the run of cluster " + name + " did not take the approval: " + FailureText.of(e));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static ApproveInitResult approve(TemporalConnection connection, String name, PhaseView phase) {
    try {
      return Approval.send(connection, name);
    } catch (BadInputException e) {
      throw new BadInputException(e.getMessage() + " (the run is at: " + phase.title() + ")");
    }
  }
}
