package io.kubeha.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.history.HistoryStats;
import io.kubeha.workflow.engine.WorkflowIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parent's history must grow linearly with hosts (a child's input that carried the whole
 * inventory made it grow as hosts squared): bring-ups of 8 and 40 hosts on fake activities, their
 * figures printed, and the straight line through them extrapolated to 500 hosts.
 */
@Timeout(60)
class HistoryGrowthTest {
  static final int SMALL = 8;
  static final int LARGE = 40;
  static final int TARGET = 500;

  /**
   * Linear growth with a fixed part stays under LARGE/SMALL (no more bytes per host at 40 than at
   * 8). Children that carried the inventory measured 5.4 here: their hosts-squared part is still
   * small at 40 hosts, so a looser bound would not have caught it.
   */
  static final double MAX_RATIO = (double) LARGE / SMALL;

  @Test
  void parentHistoryGrowsLinearlyWithHosts() {
    Sizes small = bringUp(SMALL);
    Sizes large = bringUp(LARGE);
    System.out.printf(
        "history %d hosts: %s%n  child %s%n",
        SMALL, small.parent.summary(4), small.child.summary(4));
    System.out.printf(
        "history %d hosts: %s%n  child %s%n",
        LARGE, large.parent.summary(4), large.child.summary(4));

    long parentEvents = extrapolate(small.parent.events(), large.parent.events());
    long parentBytes = extrapolate(small.parent.bytes(), large.parent.bytes());
    // A child's events follow its own steps, not the number of hosts: only its bytes grow (hosts
    // block, inventory).
    long childEvents = Math.max(small.child.events(), large.child.events());
    long childBytes = extrapolate(small.child.bytes(), large.child.bytes());
    System.out.printf(
        "history at %d hosts (linear extrapolation): parent %d events, %.1f MB; one child %d events, %.2f MB;"
            + " limits %d events (warning from %d), %.0f MB%n",
        TARGET,
        parentEvents,
        mb(parentBytes),
        childEvents,
        mb(childBytes),
        HistoryStats.EVENT_LIMIT,
        HistoryStats.EVENT_WARNING,
        mb(HistoryStats.BYTE_LIMIT));

    double eventRatio = (double) large.parent.events() / small.parent.events();
    double byteRatio = (double) large.parent.bytes() / small.parent.bytes();
    assertTrue(
        eventRatio < MAX_RATIO,
        "parent events grew " + eventRatio + "x from " + SMALL + " to " + LARGE + " hosts");
    assertTrue(
        byteRatio < MAX_RATIO,
        "parent bytes grew " + byteRatio + "x from " + SMALL + " to " + LARGE + " hosts");
    assertTrue(
        parentEvents < HistoryStats.EVENT_LIMIT,
        TARGET + " hosts would need " + parentEvents + " parent events");
    assertTrue(
        parentBytes < HistoryStats.BYTE_LIMIT,
        TARGET + " hosts would need " + parentBytes + " parent bytes");
  }

  private record Sizes(HistoryStats parent, HistoryStats child) {}

  private static Sizes bringUp(int hosts) {
    try (BringUpHarness h = new BringUpHarness(TestInventories.scaled(hosts))) {
      h.runToEnd(true);
      String cluster = h.inventory.clusterName();
      return new Sizes(
          HistoryStats.of(h.client().fetchHistory(WorkflowIds.cluster(cluster))),
          HistoryStats.of(h.client().fetchHistory(WorkflowIds.host(cluster, "kube-master-1"))));
    }
  }

  /** The value at TARGET hosts on the line through (SMALL, small) and (LARGE, large). */
  private static long extrapolate(long small, long large) {
    double perHost = (double) (large - small) / (LARGE - SMALL);
    return Math.round(small + perHost * (TARGET - SMALL));
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
