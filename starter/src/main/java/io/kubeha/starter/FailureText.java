package io.kubeha.starter;

import io.temporal.failure.TemporalFailure;

/** The operator-facing message of a client exception: the first Temporal failure's own message. */
final class FailureText {
  private FailureText() {}

  static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemporalFailure f
          && f.getOriginalMessage() != null
          && !f.getOriginalMessage().isBlank()) {
        return f.getOriginalMessage();
      }
    }
    return e.getMessage();
  }
}
