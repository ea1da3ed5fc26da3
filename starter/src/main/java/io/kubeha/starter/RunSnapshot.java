package io.kubeha.starter;

import io.kubeha.plan.Phase;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import java.time.Duration;
import java.util.List;

/** What a run looks like at one moment: its phase, its hosts, and how long it has been going. */
record RunSnapshot(String cluster, PhaseView phase, List<HostStatus> hosts, Duration elapsed) {

  /** The phases a run goes through, DONE and FAILED excluded. */
  static final int PHASES = Phase.DONE.ordinal();

  /** "lab: [3/14] Prepare nodes · 01:23", or "lab: Done · 12:01". */
  String phaseLine() {
    return phaseTitle() + " · " + clock(elapsed);
  }

  /**
   * "lab: [3/14] Prepare nodes", "lab: [8/14] Await approval of kubeadm init (waiting)"; while a
   * graph overlaps phases, the position is the earliest unfinished one and the titles are those
   * with work under way: "lab: [3/14] Prepare nodes + Configure load balancers".
   */
  String phaseTitle() {
    Phase p = phase.phase();
    String position = p.ordinal() < PHASES ? "[" + (p.ordinal() + 1) + "/" + PHASES + "] " : "";
    String gate = phase.waitingForApproval() ? " (waiting)" : "";
    List<Phase> active = phase.active();
    String title =
        active.size() > 1
            ? String.join(" + ", active.stream().map(Phase::title).toList())
            : phase.title();
    return cluster + ": " + position + title + gate;
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%02d:%02d", s / 60, s % 60);
  }
}
