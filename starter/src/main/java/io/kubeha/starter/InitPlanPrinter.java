package io.kubeha.starter;

import io.kubeha.workflow.bringup.InitPlan;
import io.kubeha.workflow.bringup.PreflightFinding;

/**
 * The init plan for people: where kubeadm init runs, the endpoint, preflight findings, the kubeadm
 * config.
 */
final class InitPlanPrinter {
  private InitPlanPrinter() {}

  static String text(InitPlan plan) {
    StringBuilder s = new StringBuilder();
    s.append("kubeadm init will run on ")
        .append(plan.firstMaster())
        .append(" with control-plane endpoint ")
        .append(plan.controlPlaneEndpoint())
        .append('\n');
    if (plan.preflightFindings() == null || plan.preflightFindings().isEmpty()) {
      s.append("Preflight found nothing to report.\n");
    } else {
      s.append("Preflight findings:\n");
      for (PreflightFinding f : plan.preflightFindings()) {
        s.append("  ").append(f.severity()).append(' ').append(f).append('\n');
      }
    }
    s.append("kubeadm configuration:\n");
    for (String line : plan.kubeadmConfig().strip().split("\n")) {
      s.append("  ").append(line).append('\n');
    }
    return s.toString().stripTrailing();
  }
}
