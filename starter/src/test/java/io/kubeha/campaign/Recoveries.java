package io.kubeha.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The injected faults still waiting for the run's next progress, each completed by whichever later
 * snapshot shows it (so the next fault's moment is awaited meanwhile, not after it), or given up
 * after the deadline.
 */
final class Recoveries {
  /** One fault injected at happenedAt, over at over, progress counted from before. */
  private record Pending(
      Fault fault,
      String happenedAt,
      Instant over,
      RunProbe.Snapshot before,
      CompletableFuture<FaultOutcome> outcome) {}

  private final Duration deadline;
  private final List<Pending> pending = new ArrayList<>();

  Recoveries(Duration deadline) {
    this.deadline = deadline;
  }

  /** Watches f's recovery from over, progress counted from before; completes with its outcome. */
  synchronized CompletableFuture<FaultOutcome> watch(
      Fault f, String happenedAt, Instant over, RunProbe.Snapshot before) {
    Pending p = new Pending(f, happenedAt, over, before, new CompletableFuture<>());
    pending.add(p);
    return p.outcome();
  }

  /**
   * Completes each fault the run progressed since (now taken at t, empty while the run does not
   * answer), or whose deadline passed (recovery -1).
   */
  synchronized void poll(Optional<RunProbe.Snapshot> now, Instant t) {
    pending.removeIf(
        p -> {
          if (now.isPresent() && now.get().progressedSince(p.before(), p.fault().host())) {
            double seconds = Duration.between(p.over(), t).toMillis() / 1000.0;
            return p.outcome()
                .complete(new FaultOutcome(p.fault(), p.happenedAt(), seconds, p.over()));
          }
          if (t.isAfter(p.over().plus(deadline))) {
            return p.outcome().complete(new FaultOutcome(p.fault(), p.happenedAt(), -1, p.over()));
          }
          return false;
        });
  }

  synchronized boolean idle() {
    return pending.isEmpty();
  }
}
