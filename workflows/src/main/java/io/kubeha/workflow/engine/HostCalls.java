package io.kubeha.workflow.engine;

import io.kubeha.activity.SshTarget;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One host's calls during a phase, in order, on its row of the hosts board: each reported as it
 * starts (and with its error if it fails), failing the host's work naming host and step. The
 * activity's own retry policy does the retrying; reports are numbered in order so a late one never
 * overwrites a newer one.
 */
public final class HostCalls {
  private final Consumer<HostProgress> report;
  private final Phase phase;
  private final String host;
  private final int total;
  private long seq;

  public HostCalls(Consumer<HostProgress> report, Phase phase, String host, int total) {
    this.report = report;
    this.phase = phase;
    this.host = host;
    this.total = total;
  }

  /**
   * Runs call as step, done steps being behind it; a failure is reported and rethrown as the host's
   * StepFailed.
   */
  public <R> R call(int done, String step, Supplier<R> call) {
    report.accept(new HostProgress(host, phase, step, done, total, 1, null, ++seq));
    try {
      return call.get();
    } catch (ActivityFailure e) {
      String error = FailureText.of(e);
      report.accept(new HostProgress(host, phase, step, done, total, 1, error, ++seq));
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          host + ": step " + step + ": " + error, StepRunner.STEP_FAILED, e);
    }
  }

  /**
   * One call as the host's only step in phase: shown under way, then done; a failure as in call.
   */
  public static <R> R only(
      Consumer<HostProgress> report, Phase phase, String host, String step, Supplier<R> call) {
    HostCalls calls = new HostCalls(report, phase, host, 1);
    R result = calls.call(0, step, call);
    calls.shown(1);
    return result;
  }

  /**
   * Shows done steps, then applies steps on this row after them, each retried by the StepRunner;
   * returns how many changed something.
   */
  public int apply(int done, SshTarget target, List<Step> steps) {
    shown(done);
    return new StepRunner(target, phase, after(done)).applyAll(steps);
  }

  /** Shows done steps and none under way. */
  public void shown(int done) {
    report.accept(new HostProgress(host, phase, null, done, total, 0, null, ++seq));
  }

  /** A StepRunner's reports on this row: its step count offset by the before steps ahead of it. */
  private Consumer<HostProgress> after(int before) {
    return p ->
        report.accept(
            new HostProgress(
                host,
                phase,
                p.stepId(),
                p.done() + before,
                total,
                p.attempts(),
                p.lastError(),
                ++seq));
  }
}
