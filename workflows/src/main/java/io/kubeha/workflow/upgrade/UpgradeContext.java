package io.kubeha.workflow.upgrade;

import io.kubeha.activity.UpgradeNodeInput;
import io.kubeha.inventory.HostSpec;
import io.kubeha.inventory.Role;
import io.kubeha.workflow.engine.ApprovalGate;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.GatedOperation;
import io.kubeha.workflow.engine.NodeStates;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.StepTally;
import java.util.ArrayList;
import java.util.List;

/**
 * What the phases of one upgrade share: the target version, the gate, the plan kubeadm printed, who
 * is done.
 */
final class UpgradeContext extends OperationContext implements GatedOperation {
  private final UpgradeInput input;
  private final ApprovalGate gate;
  private final List<String> upgraded = new ArrayList<>();
  private String plan = "";
  private String failed;
  private String retriedBy;

  UpgradeContext(UpgradeInput input, Runnable onProgress) {
    super(input.inventory(), input.inventory().nodes(), h -> UpgradeNode.STEPS, onProgress);
    this.input = input;
    this.gate = new ApprovalGate("the upgrade", input.inventory().clusterName());
    board()
        .nameStates(
            row -> NodeStates.upgrade(row, failed != null && failed.startsWith(row.host() + ": ")));
  }

  UpgradeInput input() {
    return input;
  }

  String version() {
    return inventory().spec().kubernetes().version();
  }

  @Override
  public ApprovalGate gate() {
    return gate;
  }

  @Override
  public boolean autoApproved() {
    return input.autoApprove();
  }

  @Override
  public String approvalSubject() {
    return "the upgrade to " + version();
  }

  UpgradeNodeInput node(String host) {
    HostSpec first = inventory().firstControlPlane();
    boolean controlPlane = inventory().host(host).orElseThrow().has(Role.CONTROL_PLANE);
    List<String> ignored = inventory().spec().kubernetes().ignorePreflightErrors();
    return new UpgradeNodeInput(
        target(first.name()),
        target(host),
        version(),
        host.equals(first.name()),
        controlPlane,
        ignored == null ? List.of() : ignored);
  }

  void plan(String text) {
    plan = text;
  }

  @Override
  public String plan() {
    return plan;
  }

  /**
   * Runs one node's upgrade; when it fails, the roll stops there and waits for the operator:
   * retryNode runs the node again (each step adopting what is done), a cancel ends the run.
   */
  StepTally untilDone(String host, java.util.function.Supplier<StepTally> upgrade) {
    while (true) {
      try {
        return upgrade.get();
      } catch (io.temporal.failure.CanceledFailure e) {
        throw e;
      } catch (io.temporal.failure.TemporalFailure e) {
        failed = host + ": " + FailureText.of(e);
        retriedBy = null;
        io.temporal.workflow.Workflow.getLogger(UpgradeContext.class)
            .warn("upgrade stopped at {}; waiting for retryNode or a cancel", failed);
        onChange();
        io.temporal.workflow.Workflow.await(() -> retriedBy != null);
        failed = null;
        onChange();
      }
    }
  }

  /** Until the failed node is retried, no further node starts. */
  void awaitNoFailedNode() {
    io.temporal.workflow.Workflow.await(() -> failed == null);
  }

  /** "host: error" of the node the roll stopped at, or "" when none. */
  String failed() {
    return failed == null ? "" : failed;
  }

  void validateRetry() {
    if (failed == null) {
      throw new IllegalStateException("the upgrade is not stopped at a failed node");
    }
  }

  String retry(String by) {
    retriedBy = by == null || by.isBlank() ? "unknown" : by;
    return retriedBy;
  }

  void upgraded(String host) {
    upgraded.add(host);
  }

  List<String> upgraded() {
    return List.copyOf(upgraded);
  }
}
