package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day-2 durability campaign, on demand (surefire's default includes skip it): `./kubeha lab
 * campaign --operation upgrade|remove|add|reset|restore|certs|backup|check|remove,add --runs N
 * --seed S`, or -Dtest=DayTwoReliabilityCampaign with -Dkubeha.campaign.operation=OP, .runs=N
 * (faults per operation), .seed=S, .perRun=K (faults per run of the operation, default 6).
 * remove,add strikes both in each round of one lab: the removals with seed S, the additions with
 * seed S+1.
 */
class DayTwoReliabilityCampaign {
  @TempDir Path state;

  @Test
  void everyFaultCostsNothingTwiceAndLeaksNothing() throws Exception {
    EnumSet<DayTwo> ops =
        Arrays.stream(System.getProperty("kubeha.campaign.operation", "remove").split(","))
            .map(s -> DayTwo.valueOf(s.strip().toUpperCase()))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayTwo.class)));
    int runs = Integer.getInteger("kubeha.campaign.runs", 30);
    long seed = Long.getLong("kubeha.campaign.seed", 7L);
    int perRun = Integer.getInteger("kubeha.campaign.perRun", 6);
    List<CampaignTable> tables;
    if (ops.equals(EnumSet.of(DayTwo.REMOVE, DayTwo.ADD))) {
      tables =
          DayTwoCampaign.cycles(
              plan(DayTwo.REMOVE, seed, runs, perRun),
              plan(DayTwo.ADD, seed + 1, runs, perRun),
              state);
    } else if (ops.size() == 1) {
      DayTwo op = ops.iterator().next();
      tables = List.of(DayTwoCampaign.run(op, plan(op, seed, runs, perRun), state));
    } else {
      throw new IllegalArgumentException(
          "kubeha.campaign.operation: one of upgrade, remove, add, reset, restore, certs, backup, check, or remove,add; got "
              + ops);
    }
    for (CampaignTable table : tables) {
      assertTrue(table.bringUps().stream().allMatch(RunOutcome::clean), table.markdown());
    }
  }

  private static FaultPlan plan(DayTwo op, long seed, int runs, int perRun) {
    return FaultPlan.draw(
        seed,
        runs,
        perRun,
        false,
        op.hosts(),
        op.moments,
        FaultKind.named(System.getProperty("kubeha.campaign.kinds"), FaultKind.ON_DEV_SERVER));
  }
}
