package io.kubeha.activities;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControllersLeadingTest {
  private static final String NOW = "2026-12-06T17:48:40Z\n";
  private static final String SCHEDULER =
      "lease kube-scheduler 2026-12-06T17:48:39.000000Z 2026-12-06T17:40:00.000000Z"
          + " kube-master-2_5e1c\n"
          + "pod kube-scheduler kube-master-2 2026-12-06T17:39:58Z\n";
  private static final String MANAGER_PODS =
      "pod kube-controller-manager kube-master-1 2026-12-06T17:39:50Z\n"
          + "pod kube-controller-manager kube-master-2 2026-12-06T17:39:55Z\n";

  @Test
  void bothLeasesRenewedAndHeldForAWhileByTheirRunningProcessesLead() {
    assertTrue(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:39.123456Z"
                    + " 2026-12-06T17:40:00.000000Z kube-master-1_9a7f\n"
                    + MANAGER_PODS
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aLeaseNotRenewedSinceItsHolderDiedDoesNotLead() {
    // The controller-manager killed by the upgrade at 17:48:22: its lease runs out at 17:48:37.
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:22.000000Z"
                    + " 2026-12-06T17:40:00.000000Z kube-master-1_9a7f\n"
                    + MANAGER_PODS
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aLeaseStillFreshFromAHolderARestartJustKilledDoesNotLead() {
    // The kubelet restarted at the new version replaced kube-master-1's container at 17:48:38;
    // the lease, renewed by the old process at 17:48:37, looks fresh until 17:48:52.
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:37.000000Z"
                    + " 2026-12-06T17:40:00.000000Z kube-master-1_9a7f\n"
                    + "pod kube-controller-manager kube-master-1 2026-12-06T17:48:38Z\n"
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aHolderWhoseContainerIsNotRunningDoesNotLead() {
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:39.000000Z"
                    + " 2026-12-06T17:40:00.000000Z kube-master-1_9a7f\n"
                    + "pod kube-controller-manager kube-master-1\n"
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aRestartOnAnotherControlPlaneThanTheHoldersLeavesTheLeaderLeading() {
    assertTrue(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:39.000000Z"
                    + " 2026-12-06T17:40:00.000000Z kube-master-2_77b1\n"
                    + "pod kube-controller-manager kube-master-1 2026-12-06T17:48:38Z\n"
                    + "pod kube-controller-manager kube-master-2 2026-12-06T17:39:55Z\n"
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aLeaseJustTakenOverDoesNotLeadYet() {
    assertFalse(
        ControllersLeading.parse(
                NOW
                    + "lease kube-controller-manager 2026-12-06T17:48:39.000000Z"
                    + " 2026-12-06T17:48:38.000000Z kube-master-1_9a7f\n"
                    + MANAGER_PODS
                    + SCHEDULER)
            .leading());
  }

  @Test
  void aMissingLeaseDoesNotLead() {
    assertFalse(ControllersLeading.parse(NOW + MANAGER_PODS + SCHEDULER).leading());
  }
}
