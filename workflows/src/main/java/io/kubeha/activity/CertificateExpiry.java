package io.kubeha.activity;

/**
 * One row of `kubeadm certs check-expiration` on one control plane: a certificate (or, when
 * authority, a CA), when it expires (RFC 3339, UTC) and how many seconds are left. No key material:
 * these are the certificates' public facts.
 */
public record CertificateExpiry(
    String host,
    String name,
    boolean authority,
    String expires,
    long residualSeconds,
    String caName,
    boolean externallyManaged,
    boolean missing) {

  /**
   * Whether kubeadm can renew it and it expires within the given seconds (a missing one is never
   * renewable).
   */
  public boolean dueWithin(long seconds) {
    return !authority && !externallyManaged && !missing && residualSeconds < seconds;
  }
}
