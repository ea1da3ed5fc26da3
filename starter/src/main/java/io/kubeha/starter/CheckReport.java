package io.kubeha.starter;

import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.workflow.check.CheckResult;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.util.Optional;

/** A workload check as the operator reads it: each probe's line, then the verdict. */
final class CheckReport {
  private CheckReport() {}

  /** A check that passed: its probes, the verdict, and how to remove a kept workload. */
  static void print(CheckResult r, PrintWriter out) {
    WorkloadCheckResult w = r.workload();
    probes(w, out);
    int nodes = w.podNodes().size();
    out.println(
        "Cluster "
            + r.cluster()
            + " serves a workload: "
            + w.pods().size()
            + " Pods on "
            + nodes
            + (nodes == 1 ? " node" : " nodes")
            + "; "
            + (nodes > 1
                ? "ClusterIP, NodePort, DNS and Pod-to-Pod answered from every node"
                : "ClusterIP, NodePort and DNS answered from every node (every Pod ran on one"
                    + " node, so Pod to Pod across nodes was not tried)"));
    if (w.kept()) {
      kept(out);
    }
  }

  static void probes(WorkloadCheckResult w, PrintWriter out) {
    for (WorkloadProbe p : w.probes()) {
      out.println("  " + p.line());
    }
  }

  static void kept(PrintWriter out) {
    out.println(
        "The workload is kept in namespace "
            + CheckWorkload.NAMESPACE
            + ": kubectl delete namespace "
            + CheckWorkload.NAMESPACE
            + " removes it (the next ./kubeha check replaces it).");
  }

  /** The probes of a check that failed on them, from the failure's details; empty otherwise. */
  static Optional<WorkloadCheckResult> ofFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && CheckResult.PROBES_FAILED.equals(app.getType())) {
        return Optional.of(app.getDetails().get(WorkloadCheckResult.class));
      }
    }
    return Optional.empty();
  }
}
