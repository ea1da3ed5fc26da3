package io.kubeha.workflow.engine;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one piece of work per host in parallel, at most a bound at a time, and waits for all of
 * them; failures are gathered into one "failed on N hosts: host: error; host: error" whose cause is
 * the first host's failure, so its type (HostKeyMismatch, ...) stays in the chain.
 */
public final class BoundedFanOut {
  private BoundedFanOut() {}

  /** The failure type of a fan-out where some hosts failed. */
  public static final String HOSTS_FAILED = "HostsFailed";

  /** The results in the order of hosts. work runs in its own workflow thread per host. */
  public static <R> List<R> run(List<String> hosts, int bound, Function<String, R> work) {
    return results(runAll(hosts, bound, work));
  }

  /** Every host's outcome in the order of hosts, failures kept instead of thrown. */
  public static <R> List<Outcome<R>> runAll(
      List<String> hosts, int bound, Function<String, R> work) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be at least 1, was " + bound);
    }
    List<Promise<Outcome<R>>> started = new ArrayList<>();
    List<Promise<Outcome<R>>> inFlight = new ArrayList<>();
    for (String host : hosts) {
      if (inFlight.size() == bound) {
        Promise.anyOf(inFlight).get();
        inFlight.removeIf(Promise::isCompleted);
      }
      Promise<Outcome<R>> promise = Async.function(() -> attempt(host, work));
      started.add(promise);
      inFlight.add(promise);
    }
    Promise.allOf(started).get();
    return started.stream().map(Promise::get).toList();
  }

  /**
   * The results in the order of the outcomes, or one failure naming every failed host whose cause
   * is the first host's failure.
   */
  public static <R> List<R> results(List<Outcome<R>> outcomes) {
    List<String> failures = new ArrayList<>();
    TemporalFailure firstFailure = null;
    List<R> results = new ArrayList<>();
    for (Outcome<R> o : outcomes) {
      if (o.failure() != null) {
        failures.add(hostLine(o.host(), FailureText.of(o.failure())));
        firstFailure = firstFailure == null ? o.failure() : firstFailure;
      }
      results.add(o.result());
    }
    if (!failures.isEmpty()) {
      String noun = failures.size() == 1 ? " host: " : " hosts: ";
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "failed on " + failures.size() + noun + String.join("; ", failures),
          HOSTS_FAILED,
          firstFailure);
    }
    return results;
  }

  private static <R> Outcome<R> attempt(String host, Function<String, R> work) {
    try {
      return new Outcome<>(host, work.apply(host), null);
    } catch (CanceledFailure e) {
      throw e;
    } catch (TemporalFailure e) {
      return new Outcome<>(host, null, e);
    }
  }

  /** One host's result, or its failure. */
  public record Outcome<R>(String host, R result, TemporalFailure failure) {}

  /**
   * "host: error", without repeating the host when the error (an activity's message) already starts
   * with it.
   */
  public static String hostLine(String host, String error) {
    if (error.isBlank()) {
      return host + ": failed without a message";
    }
    return error.startsWith(host + ": ") ? error : host + ": " + error;
  }
}
