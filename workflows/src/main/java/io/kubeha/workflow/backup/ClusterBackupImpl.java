package io.kubeha.workflow.backup;

import io.kubeha.workflow.common.InstallEtcdTools;
import io.kubeha.workflow.engine.InputCheck;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.OperationRun;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.List;

/**
 * Check etcd and choose a member, its tools, the snapshot: the shared phase engine with the
 * backup's phases.
 */
public final class ClusterBackupImpl extends OperationRun<BackupContext> implements ClusterBackup {
  private static final List<OperationPhase<BackupContext>> PHASES =
      List.of(new CheckEtcd(), new InstallEtcdTools<>(), new TakeSnapshot());

  private final BackupContext ctx;

  @WorkflowInit
  public ClusterBackupImpl(BackupInput input) {
    ctx = new BackupContext(input, this::showDetails);
  }

  @Override
  public BackupResult run(BackupInput input) {
    InputCheck.inventory(input.inventory());
    List<PhaseOutcome> outcomes = sequence.runAll(PHASES, ctx);
    BackupResult result = ctx.result(outcomes);
    Workflow.getLogger(ClusterBackupImpl.class)
        .info(
            "cluster {}: etcd snapshot {} at revision {}",
            result.cluster(),
            result.snapshot().path(),
            result.snapshot().revision());
    return result;
  }

  @Override
  protected BackupContext ctx() {
    return ctx;
  }
}
