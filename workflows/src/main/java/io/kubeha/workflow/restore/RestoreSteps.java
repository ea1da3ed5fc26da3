package io.kubeha.workflow.restore;

import io.kubeha.activity.EtcdRestoreActivities;
import io.kubeha.activity.RestoreNodeInput;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.ActivityStubs;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.HostCalls;
import io.kubeha.workflow.engine.StepTally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A restore phase's steps, each run on every control plane at once, on each one's row of the hosts
 * board.
 */
final class RestoreSteps {
  private final RestoreContext ctx;
  // One HostCalls per control plane for the whole phase: its reports are numbered in order on that
  // row.
  private final Map<String, HostCalls> calls = new LinkedHashMap<>();
  private int done;

  RestoreSteps(RestoreContext ctx, Phase phase) {
    this.ctx = ctx;
    ctx.controlPlanes()
        .forEach(h -> calls.put(h, new HostCalls(ctx::report, phase, h, RestoreContext.STEPS)));
  }

  /** A phase of these steps, each on every control plane before the next starts. */
  static StepTally onEvery(RestoreContext ctx, Phase phase, Step... steps) {
    RestoreSteps run = new RestoreSteps(ctx, phase);
    List<StepTally> tallies = new java.util.ArrayList<>();
    for (Step step : steps) {
      tallies.add(run.onEvery(step));
    }
    return StepTally.sum(tallies);
  }

  /** Runs the step on every control plane in parallel, then shows it done on each row. */
  StepTally onEvery(Step step) {
    int before = done;
    List<StepResult> results =
        BoundedFanOut.run(
            ctx.controlPlanes(),
            ctx.concurrency(),
            host -> {
              RestoreNodeInput input = ctx.node(host);
              return calls
                  .get(host)
                  .call(
                      before,
                      step.id(),
                      () -> step.call().apply(ActivityStubs.etcdRestore(host, step.id()), input));
            });
    done++;
    calls.values().forEach(c -> c.shown(done));
    return new StepTally(
        (int) results.stream().filter(StepResult::changed).count(), results.size());
  }

  /** A step: its id on the board and in the UI, and the activity it calls. */
  record Step(String id, BiFunction<EtcdRestoreActivities, RestoreNodeInput, StepResult> call) {}
}
