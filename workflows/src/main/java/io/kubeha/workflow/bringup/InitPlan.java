package io.kubeha.workflow.bringup;

import java.util.List;

/** What kubeadm init will do, for the operator to read before approving it. */
public record InitPlan(
    String firstMaster,
    String controlPlaneEndpoint,
    String kubeadmConfig,
    List<PreflightFinding> preflightFindings) {}
