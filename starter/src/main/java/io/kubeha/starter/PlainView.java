package io.kubeha.starter;

import io.kubeha.workflow.HostStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The view for logs and pipes: a line when the run's phase (its earliest unfinished one) changes or
 * its gate opens, and a line when a host's own work changes (a step starts, retries, fails, ends),
 * each starting with the host; nothing else. A host that stops short of its steps (waiting for
 * others) is shown once when it stops, not again each time the phase moves its counts; one that
 * finished them is not shown at all: the next phase line says so.
 */
final class PlainView implements RunView {
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
      List<String> cells = idle(h) ? List.of() : HostTable.cells(h);
      List<String> before = lastHost.put(h.host(), cells);
      boolean finished = cells.isEmpty() && h.stepsDone() >= h.stepsTotal();
      if (!cells.equals(before) && !(cells.isEmpty() && before == null) && !finished) {
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

  private static String line(HostStatus h) {
    StringBuilder s = new StringBuilder(h.host()).append(": ");
    if (h.state() != null) {
      s.append(h.state()).append(", ");
    }
    s.append(h.currentStep() == null ? "-" : h.currentStep())
        .append(" (")
        .append(h.stepsDone())
        .append('/')
        .append(h.stepsTotal())
        .append(" steps");
    if (h.attempts() > 1) {
      s.append(", attempt ").append(h.attempts());
    }
    s.append(')');
    if (h.lastError() != null) {
      s.append(" last error: ").append(h.lastError().replace('\n', ' '));
    }
    return s.toString();
  }
}
