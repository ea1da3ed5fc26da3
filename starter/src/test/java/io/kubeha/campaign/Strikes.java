package io.kubeha.campaign;

import io.kubeha.worker.LabChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Strikes a run with its faults: waits for each fault's moment, injects it unless the run has
 * closed meanwhile, and measures the recovery from the end of the fault to the run's next progress
 * while the next fault's moment is awaited.
 */
final class Strikes {
  static final Duration DEADLINE = Duration.ofMinutes(10);

  private final RunProbe probe;
  private final FaultInjector injector;
  private final LabChecks lab;
  private final Moments moments;

  private final UnaryOperator<Moments.Step> steps;

  Strikes(RunProbe probe, FaultInjector injector, LabChecks lab, Moments moments) {
    this(probe, injector, lab, moments, UnaryOperator.identity());
  }

  /** The same, each step moment as steps maps it to the run's own plan. */
  Strikes(
      RunProbe probe,
      FaultInjector injector,
      LabChecks lab,
      Moments moments,
      UnaryOperator<Moments.Step> steps) {
    this.probe = probe;
    this.injector = injector;
    this.lab = lab;
    this.moments = moments;
    this.steps = steps;
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

  /**
   * Strikes the run with faults in order, each at its moment (at once when the moment has passed:
   * faults whose moments coincide go in order); each fault's recovery is watched meanwhile, and
   * every outcome is returned once all have recovered or given up.
   */
  List<FaultOutcome> strikeAll(List<Fault> faults) throws Exception {
    Recoveries recoveries = new Recoveries(DEADLINE);
    List<CompletableFuture<FaultOutcome>> outcomes = new ArrayList<>();
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    try {
      poller.scheduleWithFixedDelay(
          () -> recoveries.poll(probe.snapshot(), Instant.now()), 0, 50, TimeUnit.MILLISECONDS);
      for (Fault f : faults) {
        outcomes.add(strike(f, recoveries));
      }
      List<FaultOutcome> done = new ArrayList<>();
      for (CompletableFuture<FaultOutcome> o : outcomes) {
        done.add(o.get(DEADLINE.toSeconds() + 60, TimeUnit.SECONDS));
      }
      return done;
    } finally {
      poller.shutdownNow();
    }
  }

  private CompletableFuture<FaultOutcome> strike(Fault f, Recoveries recoveries) throws Exception {
    awaitMoment(f);
    Thread.sleep(f.delay().toMillis()); // the fault's random moment, not a synchronisation
    RunProbe.Snapshot before = current();
    if (before.closed()) {
      // The run ended before the moment came; a kill now would test a new run, not resuming this
      // one.
      System.out.println("campaign: not injecting " + f.describe() + ": the run has closed");
      return CompletableFuture.completedFuture(FaultOutcome.notInjected(f));
    }
    String at = before.phase() + ", " + before.totalDone() + " steps done";
    System.out.println("campaign: injecting " + f.describe() + " (now " + at + ")");
    injector.inject(f);
    Instant over = Instant.now();
    if (f.kind().onHost()) {
      // The other hosts went on meanwhile: progress counts from the heal, reboot or restart.
      before = current();
    }
    return recoveries.watch(f, at, over, before);
  }

  private void awaitMoment(Fault f) throws Exception {
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
      Moments.Step step = steps.apply(f.step());
      Waits.until(
          step.host() + " starting " + step.step(),
          DEADLINE,
          10,
          () -> probe.snapshot().map(s -> s.reached(step)).orElse(false));
    } else {
      Waits.until(
          "phase " + f.phase(),
          DEADLINE,
          20,
          () -> probe.snapshot().map(s -> s.atOrPast(f.phase())).orElse(false));
    }
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
