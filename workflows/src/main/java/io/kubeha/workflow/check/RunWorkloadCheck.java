package io.kubeha.workflow.check;

import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.OperationPhase;
import io.kubeha.workflow.engine.StepTally;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The test workload, applied, probed and removed by one activity on the worker; a probe that did
 * not answer as it should fails the run, naming each, with every probe in the failure's details.
 */
final class RunWorkloadCheck implements OperationPhase<CheckContext> {
  @Override
  public Phase id() {
    return Phase.CHECK_WORKLOAD;
  }

  @Override
  public StepTally run(CheckContext ctx) {
    String host = ctx.firstMasterName();
    HostCalls calls = new HostCalls(ctx::report, id(), host, CheckContext.STEPS);
    var input = ctx.workloadInput();
    WorkloadCheckResult result =
        calls.call(
            1,
            CheckContext.WORKLOAD,
            () -> ActivityStubs.workload(host, CheckContext.WORKLOAD).checkWorkload(input));
    ctx.checked(result);
    List<WorkloadProbe> failed = result.failed();
    if (!failed.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          failed.size()
              + " of "
              + result.probes().size()
              + " probes failed: "
              + failed.stream()
                  .map(p -> p.what() + " from " + p.from() + ": " + p.detail())
                  .collect(Collectors.joining("; ")),
          CheckResult.PROBES_FAILED,
          result);
    }
    calls.shown(CheckContext.STEPS);
    return new StepTally(1, 1);
  }
}
