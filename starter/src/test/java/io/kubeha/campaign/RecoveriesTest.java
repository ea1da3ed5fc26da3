package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.plan.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Faults' recoveries watched side by side, each completed by the snapshot that shows it. */
class RecoveriesTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

  private static Fault fault(FaultKind kind, String host) {
    return new Fault(kind, Phase.PREPARE_NODES, false, null, Duration.ZERO, host, Duration.ZERO);
  }

  private static RunProbe.Snapshot snapshot(int master, int worker) {
    return new RunProbe.Snapshot(
        Phase.PREPARE_NODES,
        List.of(Phase.PREPARE_NODES),
        Map.of("kube-master-1", master, "kube-worker-1", worker),
        Map.of(),
        false);
  }

  @Test
  void aLaterFaultIsWatchedWhileAnEarlierOneStillWaitsAndEachEndsByItsOwnProgress() {
    Recoveries recoveries = new Recoveries(Duration.ofMinutes(10));
    CompletableFuture<FaultOutcome> cut =
        recoveries.watch(fault(FaultKind.LINK_CUT, "kube-master-1"), "a", T0, snapshot(3, 3));
    recoveries.poll(Optional.of(snapshot(3, 4)), T0.plusSeconds(1));
    assertFalse(cut.isDone(), "another host's step is not the cut host's progress");
    CompletableFuture<FaultOutcome> kill =
        recoveries.watch(
            fault(FaultKind.WORKER_KILL, null), "b", T0.plusSeconds(2), snapshot(3, 4));
    recoveries.poll(Optional.of(snapshot(4, 4)), T0.plusMillis(4500));
    assertEquals(4.5, cut.join().recoverySeconds());
    assertEquals(2.5, kill.join().recoverySeconds());
    assertEquals("a", cut.join().happenedAt());
    assertEquals(T0.plusSeconds(2), kill.join().ended());
    assertTrue(recoveries.idle());
  }

  @Test
  void aFaultWithNoProgressBeforeItsDeadlineIsGivenUpAndTheOthersWaitOn() {
    Recoveries recoveries = new Recoveries(Duration.ofSeconds(30));
    CompletableFuture<FaultOutcome> first =
        recoveries.watch(fault(FaultKind.SERVER_KILL, null), "a", T0, snapshot(1, 1));
    CompletableFuture<FaultOutcome> second =
        recoveries.watch(
            fault(FaultKind.STARTER_KILL, null), "b", T0.plusSeconds(20), snapshot(1, 1));
    recoveries.poll(Optional.empty(), T0.plusSeconds(31)); // the run does not answer
    assertFalse(first.join().recovered());
    assertFalse(second.isDone());
    assertFalse(recoveries.idle());
    recoveries.poll(Optional.of(snapshot(1, 2)), T0.plusSeconds(32));
    assertEquals(12.0, second.join().recoverySeconds());
  }

  @Test
  void theRunsCloseIsEveryWatchedFaultsProgress() {
    Recoveries recoveries = new Recoveries(Duration.ofMinutes(10));
    CompletableFuture<FaultOutcome> reboot =
        recoveries.watch(fault(FaultKind.HOST_REBOOT, "kube-worker-1"), "a", T0, snapshot(5, 5));
    recoveries.poll(
        Optional.of(new RunProbe.Snapshot(Phase.DONE, List.of(), Map.of(), Map.of(), true)),
        T0.plusSeconds(7));
    assertEquals(7.0, reboot.join().recoverySeconds());
  }
}
