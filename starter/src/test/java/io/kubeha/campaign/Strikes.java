package io.kubeha.campaign;

import io.kubeha.worker.LabChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Strikes a run with its faults: waits for each fault's moment, injects it unless the run has
 * closed meanwhile, and measures the recovery from the end of the fault to the run's next progress.
 */
final class Strikes {
  static final Duration DEADLINE = Duration.ofMinutes(10);

  private final RunProbe probe;
  private final FaultInjector injector;
  private final LabChecks lab;
  private final Moments moments;

  Strikes(RunProbe probe, FaultInjector injector, LabChecks lab, Moments moments) {
    this.probe = probe;
    this.injector = injector;
    this.lab = lab;
    this.moments = moments;
  }

  /**
   * Waits until the run answers (its first worker and starter are up). A worker that exits first,
   * or a starter that fails first, ends the wait at once; either way the failure carries both logs'
   * tails (CI once waited the whole deadline here, 2026-12-04, with nothing to show why).
   */
  void awaitRun(KubehaProcesses processes) throws Exception {
    try {
      Waits.until(
          "the run answers",
          DEADLINE,
          50,
          () -> {
            if (probe.snapshot().isPresent()) {
              return true;
            }
            String exited = exited(processes);
            if (exited != null) {
              throw new AssertionError(exited + " before the run answered");
            }
            return false;
          });
    } catch (AssertionError e) {
      List<java.nio.file.Path> logs = processes.starterLogs();
      throw new AssertionError(
          e.getMessage()
              + "; worker log: "
              + CampaignBringUp.tail(processes.workerLog())
              + "; starter log: "
              + CampaignBringUp.tail(logs.get(logs.size() - 1)),
          e);
    }
  }

  /** Why the run cannot answer: its worker exited, or its starter failed; null while both may. */
  private static String exited(KubehaProcesses processes) {
    java.util.OptionalInt worker;
    java.util.OptionalInt starter;
    try {
      worker = processes.worker().awaitExit(Duration.ZERO);
      starter = processes.starter().awaitExit(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return worker.isPresent()
        ? "the worker exited " + worker.getAsInt()
        : starter.isPresent() && starter.getAsInt() != 0
            ? "the starter exited " + starter.getAsInt()
            : null;
  }

  FaultOutcome strike(Fault f) throws Exception {
    if (f.jobStarted()) {
      Waits.until(
          "a " + moments.jobSuffix() + " job started",
          DEADLINE,
          10,
          () ->
              !lab.hostsWithStartedJob(moments.jobSuffix()).isEmpty()
                  || probe
                      .snapshot()
                      .map(s -> s.closedOrPast(moments.lastJobPhase()))
                      .orElse(false));
    } else if (f.step() != null) {
      Waits.until(
          f.step().host() + " starting " + f.step().step(),
          DEADLINE,
          10,
          () -> probe.snapshot().map(s -> s.reached(f.step())).orElse(false));
    } else {
      Waits.until(
          "phase " + f.phase(),
          DEADLINE,
          20,
          () -> probe.snapshot().map(s -> s.atOrPast(f.phase())).orElse(false));
    }
    Thread.sleep(f.delay().toMillis()); // the fault's random moment, not a synchronisation
    RunProbe.Snapshot before = current();
    if (before.closed()) {
      // Earlier faults delayed the moment past the run's end; a kill now would test a new run, not
      // resuming this one.
      System.out.println("campaign: not injecting " + f.describe() + ": the run has closed");
      return FaultOutcome.notInjected(f);
    }
    String at = before.phase() + ", " + before.totalDone() + " steps done";
    System.out.println("campaign: injecting " + f.describe() + " (now " + at + ")");
    injector.inject(f);
    Instant over = Instant.now();
    if (f.kind().onHost()) {
      before =
          current(); // the other hosts went on meanwhile: progress counts from the heal, reboot or
      // restart
    }
    Instant deadline = over.plus(DEADLINE);
    while (!current().progressedSince(before, f.host())) {
      if (Instant.now().isAfter(deadline)) {
        return new FaultOutcome(f, at, -1, over);
      }
      Thread.sleep(50); // polling interval of a wait with a deadline
    }
    return new FaultOutcome(f, at, Duration.between(over, Instant.now()).toMillis() / 1000.0, over);
  }

  private RunProbe.Snapshot current() throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    Optional<RunProbe.Snapshot> s;
    while ((s = probe.snapshot()).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the run did not answer within " + DEADLINE);
      }
      Thread.sleep(50); // polling interval of a wait with a deadline
    }
    return s.get();
  }
}
