package io.kubeha.workflow.engine;

import io.kubeha.activity.ApplyStepInput;
import io.kubeha.activity.Failures;
import io.kubeha.activity.HostActivities;
import io.kubeha.activity.SshTarget;
import io.kubeha.activity.StepResult;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Applies one host's steps of one phase in order, each retried with backoff by the workflow itself,
 * and shows progress before every attempt and after the last step. It also tells the same to a
 * listener further away (a HostPrep child's parent, where each report is a signal and events in its
 * history): at once, except a first attempt, told only once it has run for the quiet period (a
 * quicker step is never seen by the CLI anyway).
 */
public final class StepRunner {
  /** The failure type when a step gives up. */
  public static final String STEP_FAILED = "StepFailed";

  private static final Logger log = Workflow.getLogger(StepRunner.class);

  private final SshTarget target;
  private final Phase phase;
  private final Consumer<HostProgress> show;
  private final Consumer<HostProgress> tell;
  private final Duration quietPeriod;
  private long seq;

  public StepRunner(SshTarget target, Phase phase, Consumer<HostProgress> show) {
    this(target, phase, show, p -> {}, Duration.ZERO);
  }

  public StepRunner(
      SshTarget target,
      Phase phase,
      Consumer<HostProgress> show,
      Consumer<HostProgress> tell,
      Duration quietPeriod) {
    this.target = target;
    this.phase = phase;
    this.show = show;
    this.tell = tell;
    this.quietPeriod = quietPeriod;
  }

  /** Applies every step; returns how many changed something. Fails naming the step. */
  public int applyAll(List<Step> steps) {
    int changed = 0;
    String lastError = null;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      for (int attempt = 1; ; attempt++) {
        try {
          StepResult result = apply(step, i, steps.size(), attempt, lastError);
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
          if (FailureText.isNonRetryable(e, Failures.NON_RETRYABLE)
              || attempt >= ActivityStubs.MAXIMUM_ATTEMPTS) {
            tell.accept(report(step.id(), i, steps.size(), attempt, lastError));
            throw ApplicationFailure.newNonRetryableFailureWithCause(
                "step " + step.id() + ": " + lastError + " (attempt " + attempt + ")",
                STEP_FAILED,
                e);
          }
          Workflow.sleep(backoff(attempt));
        }
      }
    }
    tell.accept(report(null, steps.size(), steps.size(), 0, lastError));
    return changed;
  }

  private StepResult apply(Step step, int index, int total, int attempt, String lastError) {
    HostActivities stub = ActivityStubs.applyStep(target.host(), step.id());
    ApplyStepInput input = new ApplyStepInput(target, step);
    HostProgress progress = report(step.id(), index, total, attempt, lastError);
    if (attempt > 1 || quietPeriod.isZero()) {
      tell.accept(progress);
      return stub.applyStep(input);
    }
    Promise<StepResult> result = Async.function(stub::applyStep, input);
    if (!Workflow.await(quietPeriod, result::isCompleted)) {
      tell.accept(progress);
    }
    return result.get();
  }

  /** Shows the progress; returns it for the caller to tell. */
  private HostProgress report(String stepId, int done, int total, int attempts, String lastError) {
    HostProgress progress =
        new HostProgress(target.host(), phase, stepId, done, total, attempts, lastError, ++seq);
    show.accept(progress);
    return progress;
  }

  /** 1 s, 2 s, 4 s ... up to the maximum interval, as the activity retry policy would. */
  public static Duration backoff(int attempt) {
    double seconds =
        ActivityStubs.INITIAL_RETRY_INTERVAL.getSeconds()
            * Math.pow(ActivityStubs.BACKOFF_COEFFICIENT, attempt - 1);
    return Duration.ofSeconds(
        (long) Math.min(seconds, ActivityStubs.MAXIMUM_RETRY_INTERVAL.getSeconds()));
  }
}
