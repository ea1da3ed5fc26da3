package io.kubeha.workflow.backup;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.activity.FetchSnapshotInput;
import io.kubeha.activity.PruneSnapshotsInput;
import io.kubeha.activity.SnapshotInput;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.workflow.Workflow;

/**
 * etcdctl snapshot save on the member, the copy to the operator's side checked by SHA-256, then the
 * retention.
 */
final class TakeSnapshot implements OperationPhase<BackupContext> {

  @Override
  public Phase id() {
    return Phase.TAKE_SNAPSHOT;
  }

  @Override
  public StepTally run(BackupContext ctx) {
    String host = ctx.member();
    SnapshotInput input = ctx.snapshotInput();
    HostCalls calls = new HostCalls(ctx::report, id(), host, BackupContext.STEPS);
    EtcdSnapshot saved =
        calls.call(
            0,
            BackupContext.SAVE,
            () -> ActivityStubs.etcdBackup(host, BackupContext.SAVE).saveSnapshot(input));
    EtcdSnapshot fetched =
        calls.call(
            1,
            BackupContext.FETCH,
            () ->
                ActivityStubs.etcdBackup(host, BackupContext.FETCH)
                    .fetchSnapshot(new FetchSnapshotInput(input, saved)));
    calls.shown(2);
    ctx.taken(fetched);
    if (ctx.input().keep() > 0) {
      ctx.pruned(
          ActivityStubs.etcdBackup("operator", "prune snapshots")
              .pruneSnapshots(new PruneSnapshotsInput(ctx.input().dir(), ctx.input().keep())));
    }
    Workflow.getLogger(TakeSnapshot.class)
        .info(
            "{}: snapshot {} revision {} ({} keys, {} bytes)",
            host,
            saved.name(),
            saved.revision(),
            saved.totalKeys(),
            saved.totalSize());
    return new StepTally(2, 2);
  }
}
