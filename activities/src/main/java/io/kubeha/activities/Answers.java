package io.kubeha.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.function.Supplier;

/** Questions asked of a cluster that may still be settling. */
final class Answers {
  private Answers() {}

  /**
   * The answer, or empty when kubectl or etcd's gateway failed this time: a cluster just struck (an
   * API server restarting behind the VIP) fails a call now and then while it settles, which is not
   * yet a verdict. A non-retryable failure is one.
   */
  static <T> Optional<T> orEmpty(Supplier<T> ask) {
    try {
      return Optional.of(ask.get());
    } catch (ApplicationFailure e) {
      if (e.isNonRetryable()) {
        throw e;
      }
      return Optional.empty();
    }
  }
}
