package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControllersLeadingTest {
  private static final String NOW = "2026-12-06T17:48:40Z\n";

  @Test
  void bothLeasesRenewedAndHeldForAWhileLead() {
    assertTrue(
        ControllersLeading.parse(
                NOW
                    + "kube-controller-manager 2026-12-06T17:48:39.123456Z 2026-12-06T17:40:00.000000Z\n"
                    + "kube-scheduler 2026-12-06T17:48:38.000000Z 2026-12-06T17:48:30.000000Z\n")
            .leading());
  }

  @Test
  void aLeaseNotRenewedSinceItsHolderDiedDoesNotLead() {
    // The controller-manager killed by the upgrade at 17:48:22: its lease runs out at 17:48:37.
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "kube-controller-manager 2026-12-06T17:48:22.000000Z 2026-12-06T17:40:00.000000Z\n"
                    + "kube-scheduler 2026-12-06T17:48:39.000000Z 2026-12-06T17:40:00.000000Z\n")
            .leading());
  }

  @Test
  void aLeaseJustTakenOverDoesNotLeadYet() {
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "kube-controller-manager 2026-12-06T17:48:39.000000Z 2026-12-06T17:48:38.000000Z\n"
                    + "kube-scheduler 2026-12-06T17:48:39.000000Z 2026-12-06T17:40:00.000000Z\n")
            .leading());
  }

  @Test
  void aMissingLeaseDoesNotLead() {
    assertFalse(
        ControllersLeading.parse(
                NOW + "kube-scheduler 2026-12-06T17:48:39.000000Z 2026-12-06T17:40:00.000000Z\n")
            .leading());
  }
}
