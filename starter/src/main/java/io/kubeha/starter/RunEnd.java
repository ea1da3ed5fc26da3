package io.kubeha.starter;

import io.kubeha.activity.VerifyReport;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.PhaseOutcome;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import java.io.PrintWriter;
import java.time.Duration;

/** Reports how a closed run ended: the result (phases, steps applied, kubeconfig) and exit 0, or why not and exit 1. */
final class RunEnd {
  private RunEnd() {}

  static int report(TemporalConnection connection, String cluster, WorkflowExecutionStatus status, PrintWriter out,
      PrintWriter err) {
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      err.println("kubeha: the bring-up of cluster " + cluster + " " + ending(status)
          + (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED ? "" : why(connection, cluster)));
      err.flush();
      return ExitCodes.FAILURE;
    }
    BringUpResult result = connection.untyped(cluster).getResult(BringUpResult.class);
    print(result, out);
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

  static void print(BringUpResult result, PrintWriter out) {
    VerifyReport v = result.verify();
    if (v != null) {
      out.println("Cluster " + result.cluster() + (v.ok() ? " is up and verified: " : " is up, verification saw problems: ")
          + v.readyNodes().size() + " nodes Ready, " + v.etcdMembers().size() + " etcd members, API through the endpoint "
          + (v.apiThroughEndpoint() ? "answers" : "does not answer")
          + (v.vipHolder() == null ? "" : ", VIP on " + v.vipHolder()));
      out.println("Failover: " + v.failover());
      v.problems().forEach(p -> out.println("  problem: " + p));
    } else {
      out.println("Cluster " + result.cluster() + " is up.");
    }
    out.println("Phases:");
    int width = result.phases().stream().mapToInt(p -> p.phase().title().length()).max().orElse(0);
    for (PhaseOutcome p : result.phases()) {
      String title = p.phase().title() + " ".repeat(width - p.phase().title().length());
      out.println("  " + title + "  " + (p.skipped() ? "skipped"
          : RunSnapshot.clock(Duration.ofMillis(p.millis())) + "  " + p.stepsApplied() + " of " + p.stepsTotal()
              + " steps applied"));
    }
    result.warnings().forEach(w -> out.println("Warning: " + w));
    out.println("kubeconfig: " + result.adminConfPath() + "   (export KUBECONFIG=" + result.adminConfPath() + ")");
  }
}
