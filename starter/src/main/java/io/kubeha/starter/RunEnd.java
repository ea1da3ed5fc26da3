package io.kubeha.starter;

import io.kubeha.activity.VerifyReport;
import io.kubeha.workflow.backup.BackupResult;
import io.kubeha.workflow.bringup.BringUpResult;
import io.kubeha.workflow.certs.CertificatesResult;
import io.kubeha.workflow.check.CheckResult;
import io.kubeha.workflow.engine.PhaseOutcome;
import io.kubeha.workflow.removal.RemovalResult;
import io.kubeha.workflow.reset.ResetResult;
import io.kubeha.workflow.restore.RestoreResult;
import io.kubeha.workflow.upgrade.UpgradeResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
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
    try {
      printResult(type, connection.untyped(cluster), out);
    } catch (RuntimeException e) {
      // The run completed: that is the outcome, even when this kubeha cannot read its result.
      out.println(
          "Cluster "
              + cluster
              + ": "
              + Operations.describe(type)
              + " completed (its result could not be read here: "
              + FailureText.of(e)
              + ").");
    }
    connection.uiUrl(cluster).ifPresent(url -> out.println("Temporal UI: " + url));
    out.flush();
    return ExitCodes.OK;
  }

  /** The result of a completed run of type, as the operator reads it. */
  static void printResult(String type, WorkflowStub run, PrintWriter out) {
    switch (type) {
      case Operations.UPGRADE -> print(run.getResult(UpgradeResult.class), out);
      case Operations.CERTIFICATES -> print(run.getResult(CertificatesResult.class), out);
      case Operations.RESET -> print(run.getResult(ResetResult.class), out);
      case Operations.REMOVE_NODES -> print(run.getResult(RemovalResult.class), out);
      case Operations.RESTORE -> print(run.getResult(RestoreResult.class), out);
      case Operations.BACKUP -> {
        BackupResult r = run.getResult(BackupResult.class);
        BackupCommand.describe(r.snapshot(), out);
        phases(r.phases(), out);
      }
      case Operations.CHECK -> {
        CheckResult r = run.getResult(CheckResult.class);
        CheckReport.print(r, out);
        phases(r.phases(), out);
      }
      case Operations.BRING_UP -> print(run.getResult(BringUpResult.class), out);
      default ->
          out.println(Operations.describe(type) + " completed: " + run.getResult(Object.class));
    }
  }

  static void print(UpgradeResult r, PrintWriter out) {
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
  }

  static void print(RestoreResult r, PrintWriter out) {
    VerifyReport v = r.verified();
    out.println(
        "The etcd of cluster "
            + r.cluster()
            + " is restored"
            + (r.snapshot() == null ? "" : " to revision " + r.snapshot().revision())
            + " on "
            + String.join(", ", r.restored())
            + (v == null
                ? "."
                : ": "
                    + v.readyNodes().size()
                    + " nodes Ready, "
                    + v.etcdMembers().size()
                    + " etcd members, API through the endpoint "
                    + (v.apiThroughEndpoint() ? "answers." : "does not answer.")));
    phases(r.phases(), out);
    r.warnings().forEach(w -> out.println("Warning: " + w));
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
