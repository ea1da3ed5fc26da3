package io.kubeha.starter;

import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** kubeha cancel [CLUSTER]: ask, then cancel the run; hosts stop at a step boundary. */
@Command(
    name = "cancel",
    header = "Cancel the cluster's running operation",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha cancel prod-a"},
    mixinStandardHelpOptions = true,
    description = {
      "Asks, then cancels a cluster's run: every host stops at a step boundary.",
      "./kubeha up starts it again later; finished steps are not redone."
    })
public final class CancelCommand extends ClusterRunCommand {
  static final Duration STOP_DEADLINE = Duration.ofSeconds(60);

  @Option(
      names = {"-y", "--yes"},
      description = "Cancel without asking.")
  boolean yes;

  @Override
  int callOn(TemporalConnection connection, String name, PrintWriter out) {
    WorkflowExecutionDescription d = ClusterRuns.describe(connection, name);
    if (!RunStatus.open(d.getStatus())) {
      throw new BadInputException(
          "the run of cluster "
              + name
              + " has already ended ("
              + RunStatus.name(d.getStatus())
              + ")");
    }
    if (!Prompt.confirm(yes, "Cancel the bring-up of cluster " + name + "?")) {
      out.println("Not cancelled.");
      out.flush();
      return ExitCodes.FAILURE;
    }
    WorkflowStub stub = connection.untyped(name);
    stub.cancel();
    out.println("Cancellation requested; each host stops at its next step boundary.");
    out.flush();
    String status = awaitClose(stub);
    out.println(
        status == null
            ? "The run is still stopping; ./kubeha status " + name + " shows when it has ended."
            : "The run of cluster " + name + " ended: " + status + ".");
    out.flush();
    return ExitCodes.OK;
  }

  /** The run's final state once it closes, or null when it is still stopping at the deadline. */
  static String awaitClose(WorkflowStub stub) {
    Instant deadline = Instant.now().plus(STOP_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      var status = stub.describe().getStatus();
      if (!RunStatus.open(status)) {
        return RunStatus.name(status);
      }
      try {
        Thread.sleep(RunWatcher.POLL.toMillis()); // polling interval of a wait with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }
}
