package io.kubeha.workflow.engine;

import io.temporal.failure.ApplicationFailure;

/** The text of a failure an operator should read, without the SDK's wrapping. */
public final class FailureText {
  private FailureText() {}

  /**
   * The message of the outermost ApplicationFailure in the cause chain (the one kubeha or an
   * activity wrote); else the innermost cause's message (a timeout, a cancellation).
   */
  public static String of(Throwable failure) {
    Throwable innermost = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.getOriginalMessage();
      }
      innermost = t;
    }
    return innermost.getMessage() == null
        ? innermost.getClass().getSimpleName()
        : innermost.getMessage();
  }

  /** True when no retry can help: a non-retryable ApplicationFailure or one of the listed types. */
  public static boolean isNonRetryable(
      Throwable failure, java.util.List<String> nonRetryableTypes) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.isNonRetryable() || nonRetryableTypes.contains(app.getType());
      }
    }
    return false;
  }
}
