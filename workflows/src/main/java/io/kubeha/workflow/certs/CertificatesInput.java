package io.kubeha.workflow.certs;

import io.kubeha.inventory.Inventory;

/**
 * A certificate check, and when renew, the renewal of every control plane holding a certificate
 * that expires within renewWithinSeconds (Long.MAX_VALUE: all of them); adminConfPath is the
 * operator's copy, refreshed after a renewal. scheduled: started by the cluster's Schedule, beside
 * its operations: it renews nothing while one of them runs.
 */
public record CertificatesInput(
    Inventory inventory,
    String adminConfPath,
    boolean renew,
    long renewWithinSeconds,
    boolean scheduled) {

  public static CertificatesInput check(Inventory inventory) {
    return new CertificatesInput(inventory, null, false, 0, false);
  }

  public static CertificatesInput renewal(
      Inventory inventory, String adminConfPath, long renewWithinSeconds) {
    return new CertificatesInput(inventory, adminConfPath, true, renewWithinSeconds, false);
  }

  public static CertificatesInput scheduled(
      Inventory inventory, String adminConfPath, long renewWithinSeconds) {
    return new CertificatesInput(inventory, adminConfPath, true, renewWithinSeconds, true);
  }
}
