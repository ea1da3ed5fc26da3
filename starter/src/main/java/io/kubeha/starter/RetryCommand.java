package io.kubeha.starter;

import io.kubeha.workflow.engine.WorkflowIds;
import io.kubeha.workflow.upgrade.ClusterUpgrade;
import io.temporal.client.WorkflowUpdateException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * kubeha retry [CLUSTER]: an upgrade stopped at a failed node runs that node again (./kubeha cancel
 * aborts).
 */
@Command(
    name = "retry",
    header = "Run again the node an upgrade stopped at",
    footerHeading = Kubeha.EXAMPLES,
    footer = {"  ./kubeha retry prod-a"},
    mixinStandardHelpOptions = true,
    description = {
      "An upgrade whose roll stopped at a failed node runs that node again; each of its steps adopts what"
          + " is already done. To abort instead: ./kubeha cancel. Exit 2 when the run is not stopped at a node."
    })
public final class RetryCommand extends ClusterRunCommand {

  @Override
  int callOn(TemporalConnection connection, String name, PrintWriter out) {
    if (!Operations.UPGRADE.equals(connection.untyped(name).describe().getWorkflowType())) {
      throw new BadInputException(
          "the run of cluster " + name + " is not an upgrade; only an upgrade stops at a node");
    }
    ClusterUpgrade run =
        connection.client().newWorkflowStub(ClusterUpgrade.class, WorkflowIds.cluster(name));
    String failed = run.failedNode();
    try {
      run.retryNode(connection.approver());
    } catch (WorkflowUpdateException e) {
      throw new BadInputException(
          "the upgrade of cluster " + name + " did not take the retry: " + FailureText.of(e));
    }
    out.println(
        "Retrying "
            + failed.split(":")[0]
            + " (it failed with: "
            + failed.substring(failed.indexOf(':') + 1).strip()
            + "). Watch it with ./kubeha watch "
            + name);
    out.flush();
    return ExitCodes.OK;
  }
}
