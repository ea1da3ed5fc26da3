package io.kubeha.starter;

import io.kubeha.workflow.engine.HostStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The view for logs and pipes: a line when the run's phase (its earliest unfinished one) changes or
 * its gate opens, and a line when a host's own work changes (a step starts, retries, fails, ends),
 * each starting with the host; nothing else. A host with nothing under way is shown once when it
 * stops, not again each time the phase moves its counts: as done when it finished its steps.
 */
final class PlainView implements RunView {
  // Also an operation's word for a finished node (NodeStates.DONE): said once, not twice.
  private static final String DONE = "done";

  private final PrintWriter out;
  private final Map<String, List<String>> lastHost = new HashMap<>();
  private String lastPhase;

  PlainView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(RunSnapshot snapshot) {
    String stamp = "[" + RunSnapshot.clock(snapshot.elapsed()) + "] ";
    // Not the active phases: with a graph they change at every task, and the host lines say that.
    String phase = snapshot.phase().phase() + " " + snapshot.phase().waitingForApproval();
    if (!phase.equals(lastPhase)) {
      lastPhase = phase;
      out.println(stamp + "== " + snapshot.phaseTitle() + " ==");
    }
    for (HostStatus h : snapshot.hosts()) {
      // An idle host's "done" is a state of its own: a host seen waiting before it started and
      // finished at the next look (quick steps between two polls) still gets its line.
      List<String> cells =
          !idle(h) ? HostTable.cells(h) : finished(h) ? List.of(DONE) : List.<String>of();
      List<String> before = lastHost.get(h.host());
      // Waiting, first seen or after its "done" (the next phase moved its counts): not news.
      if (cells.isEmpty() && (before == null || before.equals(List.of(DONE)))) {
        continue;
      }
      lastHost.put(h.host(), cells);
      if (!cells.equals(before)) {
        out.println(stamp + line(h));
      }
    }
    out.flush();
  }

  @Override
  public void note(String message) {
    out.println(message);
    out.flush();
  }

  /** Nothing under way on the host: no step, no operation state, no error to show. */
  private static boolean idle(HostStatus h) {
    return h.currentStep() == null && h.state() == null && h.lastError() == null;
  }

  /** Every step of the host done and none under way: its work in the run is over. */
  private static boolean finished(HostStatus h) {
    return h.currentStep() == null && h.stepsTotal() > 0 && h.stepsDone() >= h.stepsTotal();
  }

  private static String line(HostStatus h) {
    boolean finished = finished(h);
    StringBuilder s = new StringBuilder(h.host()).append(": ");
    if (h.state() != null && !(finished && DONE.equals(h.state()))) {
      s.append(h.state()).append(", ");
    }
    s.append(finished ? DONE : h.currentStep() == null ? "-" : h.currentStep())
        .append(" (")
        .append(h.stepsDone())
        .append('/')
        .append(h.stepsTotal())
        .append(" steps");
    // The attempt is the current step's: a finished host has none.
    if (h.attempts() > 1 && !finished) {
      s.append(", attempt ").append(h.attempts());
    }
    s.append(')');
    if (h.lastError() != null) {
      s.append(" last error: ").append(h.lastError().replace('\n', ' '));
    }
    return s.toString();
  }
}
