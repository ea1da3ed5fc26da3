package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.workflow.engine.CarriedFailure;
import io.kubeha.workflow.engine.HostProgress;
import java.util.List;

/**
 * What a group of hosts tells its parent bring-up, a signal now and then: its hosts' inspection
 * (the first report only, else null), the tasks that ended since the last report, in order, and its
 * hosts' progress reports since then (the last per host and phase).
 */
public record GroupReport(
    int group, Inspection inspection, List<TaskEnd> ends, List<HostProgress> rows) {

  public GroupReport {
    ends = List.copyOf(ends);
    rows = List.copyOf(rows);
  }

  /** The group's hosts as preflight saw them: facts, or why a host could not be inspected. */
  public record Inspection(List<HostFacts> facts, List<HostFailure> failed) {
    public Inspection {
      facts = List.copyOf(facts);
      failed = List.copyOf(failed);
    }
  }

  /** A host that could not be inspected. */
  public record HostFailure(String host, CarriedFailure failure) {}
}
