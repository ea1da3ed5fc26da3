package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdStatus;
import io.kubeha.activity.LocalSnapshot;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Before anything changes: the snapshot on the operator's side (its SHA-256 against kubeha's record
 * of it), the etcd release every control plane runs (they must agree: one etcdutl restores them
 * all), and etcd's revision now.
 */
final class CheckRestore implements OperationPhase<RestoreContext> {
  static final String RESTORE_REFUSED = "RestoreRefused";

  @Override
  public Phase id() {
    return Phase.CHECK_RESTORE;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    LocalSnapshot local =
        ActivityStubs.etcdRestore("operator", "read the snapshot")
            .readLocalSnapshot(ctx.input().snapshotPath());
    if (local.record() != null && !local.record().sha256().equals(local.sha256())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: "
              + local.path()
              + " has SHA-256 "
              + local.sha256()
              + " but was recorded with "
              + local.record().sha256()
              + " when taken: the file changed",
          RESTORE_REFUSED);
    }
    List<String> masters = ctx.controlPlanes();
    List<String> versions =
        BoundedFanOut.run(
            masters,
            ctx.concurrency(),
            host -> ActivityStubs.etcdBackup(host, "etcd version").etcdVersion(ctx.target(host)));
    if (versions.stream().distinct().count() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: the control planes run different etcd releases "
              + masters
              + " → "
              + versions
              + "; finish the upgrade first",
          RESTORE_REFUSED);
    }
    String first = masters.get(0);
    EtcdStatus status =
        ActivityStubs.etcdRestore(first, "etcd status").etcdStatus(ctx.target(first));
    ctx.checked(local, status, versions.get(0));
    return new StepTally(0, 1);
  }
}
