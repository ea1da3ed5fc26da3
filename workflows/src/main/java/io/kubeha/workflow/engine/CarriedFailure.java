package io.kubeha.workflow.engine;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * A failure carried from one workflow to another as data (a signal's or a result's): the message
 * and type of each ApplicationFailure in its chain, outermost first. Rebuilt, it reads as the
 * original (FailureText) and keeps its types (HostKeyMismatch, ...) in the chain.
 */
public record CarriedFailure(List<Link> chain) {

  /** One ApplicationFailure of the chain. */
  public record Link(String message, String type) {}

  public CarriedFailure {
    chain = List.copyOf(chain);
  }

  public static CarriedFailure of(Throwable failure) {
    List<Link> chain = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        chain.add(new Link(app.getOriginalMessage(), app.getType()));
      }
    }
    if (chain.isEmpty()) {
      chain.add(new Link(FailureText.of(failure), failure.getClass().getSimpleName()));
    }
    return new CarriedFailure(chain);
  }

  /** The chain again, as non-retryable ApplicationFailures. */
  public ApplicationFailure rebuild() {
    ApplicationFailure rebuilt = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Link l = chain.get(i);
      rebuilt = ApplicationFailure.newNonRetryableFailureWithCause(l.message(), l.type(), rebuilt);
    }
    return rebuilt;
  }

  /** What an operator reads: the outermost message. */
  public String text() {
    return chain.get(0).message();
  }
}
