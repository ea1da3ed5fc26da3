package io.kubeha.workflow.restore;

import io.kubeha.workflow.common.InstallEtcdTools;
import io.kubeha.workflow.engine.ApprovalRequest;
import io.kubeha.workflow.engine.AwaitApproval;
import io.kubeha.workflow.engine.FailureText;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.engine.PhaseSequence;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * Check, tools, upload, the gate, stop, restore, start, verify: the shared phase engine with the
 * restore's phases.
 */
public final class ClusterRestoreImpl extends OperationRun<RestoreContext>
    implements ClusterRestore {
  private static final List<OperationPhase<RestoreContext>> PHASES =
      List.of(
          new CheckRestore(),
          new InstallEtcdTools<>(),
          new UploadSnapshot(),
          new AwaitApproval<>(io.kubeha.plan.Phase.AWAIT_RESTORE_APPROVAL),
          new StopControlPlanes(),
          new RestoreEtcd(),
          new StartControlPlanes(),
          new VerifyRestore());

  private final RestoreContext ctx;

  @WorkflowInit
  public ClusterRestoreImpl(RestoreInput input) {
    ctx = new RestoreContext(input, this::showDetails);
  }

  @Override
  public RestoreResult run(RestoreInput input) {
    InputCheck.inventory(input.inventory());
    List<PhaseOutcome> outcomes;
    try {
      outcomes = sequence.runAll(PHASES, ctx);
    } catch (TemporalFailure e) {
      TemporalFailure ending = e;
      if (ctx.controlPlanesOut()
          && Workflow.getVersion(PutBackControlPlanes.CHANGE, Workflow.DEFAULT_VERSION, 1) == 1) {
        ending = putBack(e);
      }
      // The snapshot holds every Secret: a restore that ends early takes its copies off the control
      // planes.
      Workflow.newDetachedCancellationScope(() -> ctx.discardUploads()).run();
      throw ending;
    }
    Workflow.getLogger(ClusterRestoreImpl.class)
        .info(
            "cluster {}: etcd restored from {}",
            ctx.inventory().clusterName(),
            input.snapshotPath());
    return ctx.result(outcomes);
  }

  /**
   * The control planes put back on the data they had (even when cancelled), and the run's failure
   * saying so.
   */
  private TemporalFailure putBack(TemporalFailure cause) {
    boolean cancelled = cause instanceof CanceledFailure;
    String[] said = new String[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              sequence.enter(io.kubeha.plan.Phase.PUT_BACK_CONTROL_PLANES);
              said[0] = PutBackControlPlanes.run(ctx);
              sequence.enter(
                  cancelled ? io.kubeha.plan.Phase.CANCELLED : io.kubeha.plan.Phase.FAILED);
            })
        .run();
    String message = FailureText.of(cause) + "; " + said[0];
    Workflow.getLogger(ClusterRestoreImpl.class)
        .error(
            "cluster {}: the restore did not finish: {}", ctx.inventory().clusterName(), message);
    return cancelled
        ? new CanceledFailure(message)
        : ApplicationFailure.newNonRetryableFailureWithCause(
            "the restore did not finish: " + message, PhaseSequence.PHASE_FAILED, cause);
  }

  @Override
  public String approveRestore(ApprovalRequest request) {
    return approve(ctx, request);
  }

  @Override
  public void validateApproveRestore(ApprovalRequest request) {
    ctx.gate().validate(request);
  }

  @Override
  public String restorePlan() {
    return ctx.plan();
  }

  @Override
  protected RestoreContext ctx() {
    return ctx;
  }
}
