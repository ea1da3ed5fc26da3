package io.kubeha.starter;

import io.kubeha.activity.VerifyReport;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.CertificatesResult;
import io.kubeha.workflow.PhaseOutcome;
import io.kubeha.workflow.RemovalResult;
import io.kubeha.workflow.ResetResult;
import io.kubeha.workflow.UpgradeResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Reports how a closed run ended: the result (phases, steps applied, kubeconfig) and exit 0, or why
 * not and exit 1.
 */
final class RunEnd {
  private RunEnd() {}

  static int report(
      TemporalConnection connection,
      String cluster,
      WorkflowExecutionStatus status,
      PrintWriter out,
      PrintWriter err) {
    String type = connection.untyped(cluster).describe().getWorkflowType();
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      err.println(
          "kubeha: "
              + Operations.describe(type)
              + " of cluster "
              + cluster
              + " "
              + ending(status)
              + (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED
                  ? ""
                  : why(connection, cluster)));
      err.flush();
      return ExitCodes.FAILURE;
    }
    if (Operations.UPGRADE.equals(type)) {
      UpgradeResult r = connection.untyped(cluster).getResult(UpgradeResult.class);
      out.println(
          "Cluster "
              + r.cluster()
              + " is at Kubernetes "
              + r.version()
              + ": "
              + String.join(", ", r.upgraded())
              + " upgraded.");
      phases(r.phases(), out);
      out.println(
          "Set spec.kubernetes.version: "
              + r.version()
              + " in the inventory, so the next up keeps it.");
    } else if (Operations.CERTIFICATES.equals(type)) {
      print(connection.untyped(cluster).getResult(CertificatesResult.class), out);
    } else if (Operations.RESET.equals(type)) {
      print(connection.untyped(cluster).getResult(ResetResult.class), out);
    } else if (Operations.REMOVE_NODES.equals(type)) {
      print(connection.untyped(cluster).getResult(RemovalResult.class), out);
    } else {
      print(connection.untyped(cluster).getResult(BringUpResult.class), out);
    }
    connection.uiUrl(cluster).ifPresent(url -> out.println("Temporal UI: " + url));
    out.flush();
    return ExitCodes.OK;
  }

  private static String ending(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_FAILED -> "failed";
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> "was cancelled";
      case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "was terminated";
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "timed out";
      default -> "ended " + RunStatus.name(status);
    };
  }

  private static String why(TemporalConnection connection, String cluster) {
    try {
      connection.untyped(cluster).getResult(BringUpResult.class);
      return "";
    } catch (WorkflowException e) {
      return ": " + FailureText.of(e);
    }
  }

  static void print(ResetResult result, PrintWriter out) {
    out.println(
        "Cluster "
            + result.cluster()
            + " is reset: kubeadm reset on "
            + String.join(", ", result.reset())
            + ", Kubernetes packages, containerd and their state removed, the load balancers stopped (OS prep kept).");
    phases(result.phases(), out);
    out.println(
        "The saved kubeconfig "
            + RunStarter.adminConf(result.cluster())
            + " points at nothing now;"
            + " ./kubeha up -f FILE builds the cluster anew (and replaces it).");
  }

  static void print(CertificatesResult result, PrintWriter out) {
    out.println(
        "Certificates of cluster "
            + result.cluster()
            + ": renewed on "
            + (result.renewed().isEmpty()
                ? "no control plane (none due)"
                : String.join(", ", result.renewed()))
            + ".");
    phases(result.phases(), out);
    CertificateTable.soonest(result.after().isEmpty() ? result.before() : result.after())
        .ifPresent(
            c ->
                out.println(
                    "Soonest to expire now: "
                        + c.name()
                        + " on "
                        + c.host()
                        + ", in "
                        + CertificateTable.residual(c)
                        + "."));
    result.warnings().forEach(w -> out.println("Warning: " + w));
    if (!result.renewed().isEmpty()) {
      out.println("kubeconfig refreshed: " + RunStarter.adminConf(result.cluster()));
    }
  }

  static void print(RemovalResult result, PrintWriter out) {
    out.println(
        "Removed from cluster "
            + result.cluster()
            + ": "
            + (result.removed().isEmpty() ? "nothing" : String.join(", ", result.removed())));
    phases(result.phases(), out);
    result.warnings().forEach(w -> out.println("Warning: " + w));
    if (!result.removed().isEmpty()) {
      out.println(
          "Now drop "
              + String.join(", ", result.removed())
              + " from the inventory's spec.hosts (or replace"
              + " them with new hosts and run ./kubeha up); until then ./kubeha up would join them again.");
    }
  }

  static void print(BringUpResult result, PrintWriter out) {
    VerifyReport v = result.verify();
    if (v != null) {
      out.println(
          "Cluster "
              + result.cluster()
              + (v.ok() ? " is up and verified: " : " is up, verification saw problems: ")
              + v.readyNodes().size()
              + " nodes Ready, "
              + v.etcdMembers().size()
              + " etcd members, API through the endpoint "
              + (v.apiThroughEndpoint() ? "answers" : "does not answer")
              + (v.vipHolder() == null ? "" : ", VIP on " + v.vipHolder()));
      out.println("Failover: " + v.failover());
      v.problems().forEach(p -> out.println("  problem: " + p));
    } else {
      out.println("Cluster " + result.cluster() + " is up.");
    }
    phases(result.phases(), out);
    result.warnings().forEach(w -> out.println("Warning: " + w));
    out.println(
        "kubeconfig: "
            + result.adminConfPath()
            + "   (export KUBECONFIG="
            + result.adminConfPath()
            + ")");
  }

  private static void phases(List<PhaseOutcome> phases, PrintWriter out) {
    out.println("Phases:");
    int width = phases.stream().mapToInt(p -> p.phase().title().length()).max().orElse(0);
    for (PhaseOutcome p : phases) {
      String title = p.phase().title() + " ".repeat(width - p.phase().title().length());
      out.println(
          "  "
              + title
              + "  "
              + (p.skipped()
                  ? "skipped"
                  : RunSnapshot.clock(Duration.ofMillis(p.millis()))
                      + "  "
                      + p.stepsApplied()
                      + " of "
                      + p.stepsTotal()
                      + " steps applied"));
    }
  }
}
