package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.activities.ProbeAnswers.Verdict;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.ssh.Heartbeat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProbeRoundsTest {
  @Test
  void aProbeThatFailsFirstIsAskedAgainAndOneThatAnsweredIsNot() {
    AtomicInteger settled = new AtomicInteger();
    AtomicInteger late = new AtomicInteger();
    List<WorkloadProbe> done =
        ProbeRounds.run(
            List.of(
                new ProbeRounds.Probe(
                    "ClusterIP", "n1", () -> counted(settled, Verdict.ok("pod-a"))),
                new ProbeRounds.Probe(
                    "DNS",
                    "n1",
                    () ->
                        late.incrementAndGet() < 3
                            ? Verdict.failed("no answer from cluster DNS")
                            : Verdict.ok("10.96.4.2"))),
            Duration.ofSeconds(30),
            Duration.ZERO,
            Heartbeat.NONE);
    assertEquals(
        List.of(
            new WorkloadProbe("ClusterIP", "n1", true, "pod-a"),
            new WorkloadProbe("DNS", "n1", true, "10.96.4.2")),
        done);
    assertEquals(1, settled.get());
    assertEquals(3, late.get());
  }

  @Test
  void afterTheSettleTimeAFailingProbeKeepsItsLastError() {
    List<WorkloadProbe> done =
        ProbeRounds.run(
            List.of(new ProbeRounds.Probe("NodePort", "n2", () -> Verdict.failed("refused"))),
            Duration.ZERO,
            Duration.ZERO,
            Heartbeat.NONE);
    assertEquals(List.of(new WorkloadProbe("NodePort", "n2", false, "refused")), done);
  }

  private static Verdict counted(AtomicInteger count, Verdict verdict) {
    count.incrementAndGet();
    return verdict;
  }
}
