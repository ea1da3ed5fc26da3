package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdSnapshot;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/**
 * The snapshot onto every control plane, each copy checked by SHA-256 and read there with etcdutl
 * snapshot status.
 */
final class UploadSnapshot implements OperationPhase<RestoreContext> {

  @Override
  public Phase id() {
    return Phase.UPLOAD_SNAPSHOT;
  }

  @Override
  public StepTally run(RestoreContext ctx) {
    List<String> masters = ctx.controlPlanes();
    ctx.uploading();
    Map<String, HostCalls> calls = new java.util.HashMap<>();
    masters.forEach(h -> calls.put(h, new HostCalls(ctx::report, id(), h, RestoreContext.STEPS)));
    List<EtcdSnapshot> read =
        BoundedFanOut.run(
            masters,
            ctx.concurrency(),
            host ->
                calls
                    .get(host)
                    .call(
                        0,
                        RestoreContext.UPLOAD,
                        () ->
                            ActivityStubs.etcdRestore(host, RestoreContext.UPLOAD)
                                .uploadSnapshot(ctx.node(host))));
    if (read.stream().map(EtcdSnapshot::hash).distinct().count() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "refused: etcdutl read the snapshot differently on " + masters + ": " + read,
          CheckRestore.RESTORE_REFUSED);
    }
    masters.forEach(host -> calls.get(host).shown(1));
    ctx.uploaded(read.get(0));
    return new StepTally(masters.size(), masters.size());
  }
}
