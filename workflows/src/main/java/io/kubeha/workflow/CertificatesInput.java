package io.kubeha.workflow;

import io.kubeha.inventory.Inventory;

/**
 * A certificate check, and when renew, the renewal of every control plane holding a certificate that expires within
 * renewWithinSeconds (Long.MAX_VALUE: all of them); adminConfPath is the operator's copy, refreshed after a renewal.
 */
public record CertificatesInput(Inventory inventory, String adminConfPath, boolean renew, long renewWithinSeconds) {

  public static CertificatesInput check(Inventory inventory) {
    return new CertificatesInput(inventory, null, false, 0);
  }
}
