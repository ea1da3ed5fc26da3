package io.kubeha.workflow.engine;

import io.kubeha.inventory.HostSpec;
import io.kubeha.plan.HostPlan;
import io.kubeha.plan.Phase;
import io.kubeha.plan.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every host's progress across phases, in inventory order, fed by HostProgress reports. */
public final class HostBoard {
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private Function<HostStatus, String> states = h -> null;

  public HostBoard(Plan plan) {
    for (HostPlan h : plan.hosts()) {
      rows.put(h.host(), new Row(h.roles(), h.steps().size()));
    }
  }

  /**
   * A board of the given hosts of the inventory, each with its number of steps (a day-2
   * operation's).
   */
  public HostBoard(List<HostSpec> hosts, Function<HostSpec, Integer> steps) {
    for (HostSpec h : hosts) {
      rows.put(h.name(), new Row(h.roles(), steps.apply(h)));
    }
  }

  /**
   * Applies a report unless a newer one of the same host and phase was applied already; true when
   * it was applied.
   */
  public boolean apply(HostProgress p) {
    Row row = rows.get(p.host());
    if (row == null || p.seq() <= row.lastSeq.getOrDefault(p.phase(), 0L)) {
      return false;
    }
    row.lastSeq.put(p.phase(), p.seq());
    row.phase = p.phase();
    row.currentStep = p.stepId();
    row.doneByPhase.put(p.phase(), p.done());
    row.attempts = p.attempts();
    if (p.lastError() != null) {
      row.lastError = p.lastError();
    }
    return true;
  }

  /** Names each row's state (a day-2 operation's: waiting, draining, ...) from the row itself. */
  public void nameStates(Function<HostStatus, String> states) {
    this.states = states;
  }

  public List<HostStatus> view() {
    List<HostStatus> view = new ArrayList<>();
    rows.forEach((host, r) -> view.add(r.status(host, states)));
    return view;
  }

  /** "done/total" over all hosts, for the current details. */
  public String summary() {
    int done = 0;
    int total = 0;
    for (Row r : rows.values()) {
      done += r.done();
      total += r.total;
    }
    return done + "/" + total;
  }

  private static final class Row {
    final List<String> roles;
    final int total;
    final Map<Phase, Integer> doneByPhase = new EnumMap<>(Phase.class);
    final Map<Phase, Long> lastSeq = new EnumMap<>(Phase.class);
    Phase phase;
    String currentStep;
    int attempts;
    String lastError;

    Row(List<String> roles, int total) {
      this.roles = List.copyOf(roles);
      this.total = total;
    }

    int done() {
      return doneByPhase.values().stream().mapToInt(Integer::intValue).sum();
    }

    HostStatus status(String host, Function<HostStatus, String> states) {
      HostStatus row =
          new HostStatus(host, roles, phase, currentStep, done(), total, attempts, lastError, null);
      return new HostStatus(
          host, roles, phase, currentStep, done(), total, attempts, lastError, states.apply(row));
    }
  }
}
