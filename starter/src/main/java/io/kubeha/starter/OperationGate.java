package io.kubeha.starter;

import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.PhaseView;
import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.removal.ClusterRemoveNodes;
import io.kubeha.workflow.reset.ClusterReset;
import io.kubeha.workflow.restore.ClusterRestore;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A day-2 operation's approval gate as the CLI sees it: what it approves, whether the cluster's
 * name must be typed back, where the run stands, the plan it shows, the approving update.
 */
record OperationGate(
    String what,
    boolean typeName,
    Supplier<PhaseView> phase,
    Supplier<String> plan,
    Function<ApprovalRequest, String> approve,
    String approver) {

  /** The gate of the cluster's run of this workflow type; empty for a type without one. */
  static Optional<OperationGate> of(TemporalConnection connection, String cluster, String type) {
    WorkflowClient client = connection.client();
    String id = WorkflowIds.cluster(cluster);
    return switch (type) {
      case Operations.UPGRADE -> {
        ClusterUpgrade run = client.newWorkflowStub(ClusterUpgrade.class, id);
        yield Optional.of(
            new OperationGate(
                "the upgrade of cluster " + cluster,
                false,
                run::phase,
                run::upgradePlan,
                run::approveUpgrade,
                connection.approver()));
      }
      case Operations.RESTORE -> {
        ClusterRestore run = client.newWorkflowStub(ClusterRestore.class, id);
        yield Optional.of(
            new OperationGate(
                "the restore of cluster " + cluster + "'s etcd",
                false,
                run::phase,
                run::restorePlan,
                run::approveRestore,
                connection.approver()));
      }
      case Operations.RESET -> {
        ClusterReset run = client.newWorkflowStub(ClusterReset.class, id);
        yield Optional.of(
            new OperationGate(
                "the reset of cluster " + cluster,
                true,
                run::phase,
                run::resetPlan,
                run::approveReset,
                connection.approver()));
      }
      case Operations.REMOVE_NODES -> {
        ClusterRemoveNodes run = client.newWorkflowStub(ClusterRemoveNodes.class, id);
        yield Optional.of(
            new OperationGate(
                "the removal of nodes from cluster " + cluster,
                true,
                run::phase,
                run::removalPlan,
                run::approveRemoval,
                connection.approver()));
      }
      default -> Optional.empty();
    };
  }

  /**
   * Asks (unless yes: y/N, or the cluster's name typed back for what cannot be undone), then sends
   * the approval naming the cluster; who approved, or null when the operator said no.
   */
  String confirmAndApprove(String cluster, boolean yes) {
    String question = "Approve " + what + "?";
    boolean agreed =
        typeName
            ? Prompt.confirmByTyping(yes, cluster, question + " This cannot be undone.")
            : Prompt.confirm(yes, question);
    if (!agreed) {
      return null;
    }
    try {
      return approve.apply(new ApprovalRequest(approver, cluster));
    } catch (WorkflowUpdateException e) {
      throw new BadInputException(
          "the run did not take the approval of " + what + ": " + FailureText.of(e));
    }
  }

  /** "The reset of cluster lab approved by cli:ann." */
  String approvedBy(String by) {
    return Character.toUpperCase(what.charAt(0)) + what.substring(1) + " approved by " + by + ".";
  }
}
