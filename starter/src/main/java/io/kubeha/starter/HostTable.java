package io.kubeha.starter;

import io.kubeha.workflow.engine.HostStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-host table: host, role, current step, steps done/total, attempt, last error, and a day-2
 * operation's node state after the role; columns aligned.
 */
final class HostTable {
  static final List<String> HEADER =
      List.of("HOST", "ROLE", "STEP", "DONE", "ATTEMPT", "LAST ERROR");

  private HostTable() {}

  static List<String> lines(List<HostStatus> hosts) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(hosts.stream().anyMatch(h -> h.state() != null) ? withState(HEADER, "STATE") : HEADER);
    hosts.forEach(h -> rows.add(cells(h)));
    return Columns.aligned(rows, "", 2);
  }

  /** One host's cells, also what the plain view compares to decide that a host changed. */
  static List<String> cells(HostStatus h) {
    List<String> cells =
        List.of(
            h.host(),
            String.join(",", h.roles()),
            h.currentStep() == null ? "-" : h.currentStep(),
            h.stepsDone() + "/" + h.stepsTotal(),
            h.attempts() == 0 ? "" : String.valueOf(h.attempts()),
            h.lastError() == null ? "" : h.lastError().replace('\n', ' '));
    return h.state() == null ? cells : withState(cells, h.state());
  }

  /** The cells with the state after the host and role. */
  private static List<String> withState(List<String> cells, String state) {
    List<String> out = new ArrayList<>(cells);
    out.add(2, state);
    return out;
  }
}
