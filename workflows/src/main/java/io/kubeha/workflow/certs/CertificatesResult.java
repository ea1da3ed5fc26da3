package io.kubeha.workflow.certs;

import io.kubeha.activity.CertificateExpiry;
import io.kubeha.workflow.engine.PhaseOutcome;
import java.util.List;

/**
 * Each control plane's certificates before (and, after a renewal, after it), and the control planes
 * renewed.
 */
public record CertificatesResult(
    String cluster,
    List<CertificateExpiry> before,
    List<String> renewed,
    List<CertificateExpiry> after,
    List<PhaseOutcome> phases,
    List<String> warnings) {}
