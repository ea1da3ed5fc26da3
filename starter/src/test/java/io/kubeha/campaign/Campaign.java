package io.kubeha.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs a fault plan, one fresh lab (and Temporal server) per bring-up, after a fault-free baseline
 * if asked, and tabulates it.
 */
final class Campaign {
  static final List<String> LAB_HOSTS =
      List.of(
          "kube-master-1",
          "kube-master-2",
          "kube-master-3",
          "kube-worker-1",
          "kube-worker-2",
          "kube-worker-3",
          "ha-lb-a",
          "ha-lb-b");

  private Campaign() {}

  static CampaignTable run(
      FaultPlan plan, boolean baseline, Path state, CampaignTemporal.Kind temporal)
      throws Exception {
    return run(plan, baseline, state, temporal, List.of());
  }

  /** Each bring-up on a server of temporal's kind of its own, `up` given upOptions. */
  static CampaignTable run(
      FaultPlan plan,
      boolean baseline,
      Path state,
      CampaignTemporal.Kind temporal,
      List<String> upOptions)
      throws Exception {
    plan.faults().forEach(f -> System.out.println("campaign plan: " + f.describe()));
    OptionalDouble baselineSeconds = OptionalDouble.empty();
    if (baseline) {
      RunOutcome b =
          new CampaignBringUp(state.resolve("baseline"), List.of(), temporal, upOptions).run();
      if (!b.clean()) {
        throw new AssertionError("the fault-free baseline bring-up failed: " + b.everyProblem());
      }
      baselineSeconds = OptionalDouble.of(b.wallSeconds());
    }
    List<RunOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < plan.bringUps().size(); i++) {
      RunOutcome b =
          new CampaignBringUp(
                  state.resolve("bring-up-" + (i + 1)), plan.bringUps().get(i), temporal, upOptions)
              .run();
      outcomes.add(b);
      System.out.println(
          "campaign: bring-up "
              + (i + 1)
              + " of "
              + plan.bringUps().size()
              + ": "
              + (b.clean() ? "clean" : b.everyProblem()));
    }
    CampaignTable table = new CampaignTable(plan, baselineSeconds, outcomes);
    Path out = Path.of("target", "reliability", temporal.tableName(plan.seed()));
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.markdown());
    System.out.println(table.markdown());
    System.out.println("campaign: table written to " + out.toAbsolutePath());
    return table;
  }
}
