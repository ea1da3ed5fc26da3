package io.kubeha.workflow;

import io.temporal.failure.ApplicationFailure;

/** The text of a failure an operator should read, without the SDK's wrapping. */
final class FailureText {
  private FailureText() {}

  /**
   * The message of the outermost ApplicationFailure in the cause chain (the one kubeha or an
   * activity wrote); else the innermost cause's message (a timeout, a cancellation).
   */
  static String of(Throwable failure) {
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
  static boolean isNonRetryable(Throwable failure, java.util.List<String> nonRetryableTypes) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app.isNonRetryable() || nonRetryableTypes.contains(app.getType());
      }
    }
    return false;
  }
}
