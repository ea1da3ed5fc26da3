package io.kubeha.starter;

import io.kubeha.workflow.bringup.ClusterBringUp;
import io.kubeha.workflow.engine.HostStatus;
import io.kubeha.workflow.engine.PhaseView;
import io.temporal.client.WorkflowExecutionDescription;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** kubeha status [CLUSTER]: a run's state, phase and per-host table, once. */
@Command(
    name = "status",
    header = "Show a cluster's phase and a table of its hosts",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha status", "  ./kubeha status prod-a --output json"},
    mixinStandardHelpOptions = true,
    description =
        "Prints a cluster's run once: its state, the phase, and a per-host table (--output json for scripts).")
public final class StatusCommand extends ClusterRunCommand {
  @Mixin OutputOption output;

  /** What status prints as JSON. */
  public record Report(
      String cluster,
      String workflowId,
      String runId,
      String status,
      PhaseView phase,
      List<HostStatus> hosts,
      String ui) {}

  @Override
  int callOn(TemporalConnection connection, String name, PrintWriter out) {
    WorkflowExecutionDescription d = ClusterRuns.describe(connection, name);
    ClusterBringUp run = connection.run(name);
    Report report =
        new Report(
            name,
            d.getExecution().getWorkflowId(),
            d.getExecution().getRunId(),
            RunStatus.name(d.getStatus()),
            run.phase(),
            run.hosts(),
            connection.uiUrl(name).orElse(null));
    if (output.json()) {
      out.println(Json.pretty(report));
    } else {
      Instant end = d.getCloseTime() == null ? Instant.now() : d.getCloseTime();
      RunSnapshot snapshot =
          new RunSnapshot(
              name, report.phase(), report.hosts(), Duration.between(d.getStartTime(), end));
      out.println(snapshot.phaseLine() + " · " + report.status());
      HostTable.lines(report.hosts()).forEach(out::println);
      if (report.ui() != null) {
        out.println("Temporal UI: " + report.ui());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
