package io.kubeha.workflow.bringup;

import io.kubeha.activity.HostFacts;
import io.kubeha.plan.graph.HostGroups.Group;
import io.kubeha.workflow.bringup.GroupReport.Inspection;
import io.kubeha.workflow.engine.BoundedFanOut;
import io.kubeha.workflow.engine.BoundedFanOut.Outcome;
import io.temporal.failure.TemporalFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** The groups' inspections of their hosts, merged with the parent's own for preflight's judge. */
final class GroupInspections {
  private final Map<Integer, Inspection> byGroup = new HashMap<>();

  void keep(int group, Inspection inspection) {
    byGroup.put(group, inspection);
  }

  boolean has(int group) {
    return byGroup.containsKey(group);
  }

  /**
   * Every host's facts in order, the parent's own and the groups'; fails as a fan-out would, naming
   * every host not inspected (a group that ended without telling: why, for each of its hosts).
   */
  List<HostFacts> facts(
      List<Outcome<HostFacts>> own,
      List<Group> groups,
      IntFunction<TemporalFailure> why,
      List<String> order) {
    Map<String, Outcome<HostFacts>> byHost = new HashMap<>();
    own.forEach(o -> byHost.put(o.host(), o));
    for (Group g : groups) {
      Inspection i = byGroup.get(g.index());
      if (i == null) {
        TemporalFailure failure = why.apply(g.index());
        g.hosts().forEach(h -> byHost.put(h, new Outcome<>(h, null, failure)));
        continue;
      }
      i.facts().forEach(f -> byHost.put(f.host(), new Outcome<>(f.host(), f, null)));
      i.failed()
          .forEach(f -> byHost.put(f.host(), new Outcome<>(f.host(), null, f.failure().rebuild())));
    }
    return BoundedFanOut.results(order.stream().map(byHost::get).toList());
  }
}
