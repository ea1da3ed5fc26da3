package io.kubeha.workflow;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.Failures;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Applies one host's steps of one phase in order, each retried with backoff by the workflow
 * itself, and reports progress before every attempt and after the last step.
 */
final class StepRunner {
  /** The failure type when a step gives up. */
  static final String STEP_FAILED = "StepFailed";

  private static final Logger log = Workflow.getLogger(StepRunner.class);

  private final SshTarget target;
  private final Phase phase;
  private final Consumer<HostProgress> report;
  private long seq;

  StepRunner(SshTarget target, Phase phase, Consumer<HostProgress> report) {
    this.target = target;
    this.phase = phase;
    this.report = report;
  }

  /** Applies every step; returns how many changed something. Fails naming the step. */
  int applyAll(List<Step> steps) {
    int changed = 0;
    String lastError = null;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      for (int attempt = 1; ; attempt++) {
        report(step.id(), i, steps.size(), attempt, lastError);
        try {
          StepResult result =
              ActivityStubs.applyStep(target.host(), step.id()).applyStep(new ApplyStepInput(target, step));
          if (result.changed()) {
            changed++;
            log.info("{}: {} applied {}", target.host(), step.id(), result.applied());
          }
          break;
        } catch (ActivityFailure e) {
          if (CancellationScope.current().isCancelRequested()) {
            throw new CanceledFailure(target.host() + ": cancelled at step " + step.id());
          }
          lastError = FailureText.of(e);
          log.warn("{}: {} attempt {} failed: {}", target.host(), step.id(), attempt, lastError);
          if (FailureText.isNonRetryable(e, Failures.NON_RETRYABLE) || attempt >= ActivityStubs.MAXIMUM_ATTEMPTS) {
            report(step.id(), i, steps.size(), attempt, lastError);
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                "step " + step.id() + ": " + lastError + " (attempt " + attempt + ")", STEP_FAILED, e);
          }
          Workflow.sleep(backoff(attempt));
        }
      }
    }
    report(null, steps.size(), steps.size(), 0, lastError);
    return changed;
  }

  private void report(String stepId, int done, int total, int attempts, String lastError) {
    report.accept(new HostProgress(target.host(), phase, stepId, done, total, attempts, lastError, ++seq));
  }

  /** 1 s, 2 s, 4 s ... up to the maximum interval, as the activity retry policy would. */
  static Duration backoff(int attempt) {
    double seconds =
        ActivityStubs.INITIAL_RETRY_INTERVAL.getSeconds() * Math.pow(ActivityStubs.BACKOFF_COEFFICIENT, attempt - 1);
    return Duration.ofSeconds((long) Math.min(seconds, ActivityStubs.MAXIMUM_RETRY_INTERVAL.getSeconds()));
  }
}
