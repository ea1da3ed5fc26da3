package io.kubeha.activity;

/**
 * Renew one control plane's certificates for the run named by runId (a retry of the same run renews
 * once).
 */
public record RenewCertificatesInput(SshTarget node, String runId) {}
