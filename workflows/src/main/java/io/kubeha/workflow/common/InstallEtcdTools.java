package io.kubeha.workflow.common;

import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.OperationContext;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepRunner;
import io.kubeha.workflow.engine.StepTally;
import java.util.List;

/**
 * etcdctl and etcdutl of the cluster's own etcd release on the control planes that need them, in
 * parallel.
 */
public final class InstallEtcdTools<C extends OperationContext & EtcdToolsHosts>
    implements OperationPhase<C> {
  @Override
  public Phase id() {
    return Phase.INSTALL_ETCD_TOOLS;
  }

  @Override
  public StepTally run(C ctx) {
    Step step = RenderedSteps.etcdTools(ctx.inventory(), ctx.etcdVersion());
    List<String> hosts = ctx.etcdToolHosts();
    List<Integer> applied =
        BoundedFanOut.run(
            hosts,
            ctx.concurrency(),
            host -> new StepRunner(ctx.target(host), id(), ctx::report).applyAll(List.of(step)));
    return new StepTally(applied.stream().mapToInt(Integer::intValue).sum(), hosts.size());
  }
}
