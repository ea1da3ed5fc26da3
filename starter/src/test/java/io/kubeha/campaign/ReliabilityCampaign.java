package io.kubeha.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full durability campaign, on demand (surefire's default includes skip it): `./kubeha lab
 * campaign --runs N --seed S`, or -Dtest=ReliabilityCampaign with -Dkubeha.campaign.runs=N
 * (faults), .seed=S, .perBringUp=K (faults per fresh lab bring-up, default 3), .baseline=false
 * (skip the fault-free bring-up that "extra s" is measured from), .temporal=stack (each bring-up on
 * scripts/temporal-stack instead of a dev server, PostgreSQL kills drawn too).
 */
class ReliabilityCampaign {
  @TempDir Path state;

  @Test
  void everyFaultCostsNothingTwiceAndLeaksNothing() throws Exception {
    int runs = Integer.getInteger("kubeha.campaign.runs", 30);
    long seed = Long.getLong("kubeha.campaign.seed", 7L);
    int perBringUp = Integer.getInteger("kubeha.campaign.perBringUp", 3);
    boolean baseline = Boolean.parseBoolean(System.getProperty("kubeha.campaign.baseline", "true"));
    CampaignTemporal.Kind temporal =
        CampaignTemporal.Kind.named(System.getProperty("kubeha.campaign.temporal", "dev"));
    FaultPlan plan =
        FaultPlan.draw(
            seed,
            runs,
            perBringUp,
            false,
            Campaign.LAB_HOSTS,
            Moments.BRING_UP,
            FaultKind.named(System.getProperty("kubeha.campaign.kinds"), temporal.faults));
    CampaignTable table = Campaign.run(plan, baseline, state, temporal);
    assertTrue(table.bringUps().stream().allMatch(RunOutcome::clean), table.markdown());
  }
}
