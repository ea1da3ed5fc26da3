package io.kubeha.starter;

import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.inventory.Inventory;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.workflow.check.CheckInput;
import io.kubeha.workflow.check.CheckResult;
import io.kubeha.workflow.check.ClusterCheck;
import io.kubeha.workflow.engine.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kubeha check -f FILE: proves the cluster serves a workload, then removes it. */
@Command(
    name = "check",
    header = "Prove the cluster serves a workload, then remove it",
    footerHeading = Kubeha.EXAMPLES,
    footer = {
      "  ./kubeha check -f cluster.yaml",
      "  ./kubeha check -f cluster.yaml --keep --image mirror.example/agnhost:2.66.1"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Verifies the cluster as a bring-up ends, then runs a test workload in namespace kubeha-check:"
          + " a Deployment of 3 agnhost netexec Pods spread over the nodes, behind a NodePort Service."
          + " Once they are available, every node (control planes and workers, over SSH) reaches the"
          + " Service's ClusterIP, its own address at the NodePort and the Service's name in cluster DNS,"
          + " and each Pod reaches the Service by its DNS name and every Pod on another node. Each"
          + " answer must name a Pod. Then the namespace is deleted (unless --keep), also after a"
          + " failed check; a check first deletes one an earlier check left.",
      "It runs beside any operation, as workflow kubeha-CLUSTER-check; a second check while one runs"
          + " waits for the same answer. Exit 0 when every probe answered, 1 with the failed ones."
    })
public final class CheckCommand implements Callable<Integer> {
  private static final long WAIT_MINUTES = 30;

  @Spec CommandSpec spec;
  @Mixin InventoryFileOption inventory;
  @Mixin TemporalOptions temporal;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = CheckWorkload.DEFAULT_IMAGE,
      description =
          "The test workload's image, pinned (registry/path:tag or @sha256:...), e.g. a mirror's"
              + " copy; it must answer as agnhost netexec does (default: ${DEFAULT-VALUE}).")
  String image;

  @Option(
      names = "--keep",
      description =
          "Leave the workload in place afterwards, also after a failed check, to look at it.")
  boolean keep;

  @Override
  public Integer call() {
    CheckWorkload.imageProblem(image)
        .ifPresent(
            problem -> {
              throw new BadInputException("--image: " + problem);
            });
    Inventory inv = InventoryFile.require(inventory.file(), true);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TemporalConnection connection = temporal.connect(err, true)) {
      return run(connection, inv, image, keep, out, err);
    }
  }

  /** Starts (or attaches to) the check, prints its probes and verdict; the exit code. */
  static int run(
      TemporalConnection connection,
      Inventory inv,
      String image,
      boolean keep,
      PrintWriter out,
      PrintWriter err) {
    String cluster = inv.clusterName();
    {
      ClusterCheck check =
          connection
              .client()
              .newWorkflowStub(
                  ClusterCheck.class,
                  OperationStart.beside(
                      cluster,
                      WorkflowIds.check(cluster),
                      "Check that cluster " + cluster + " serves a workload"));
      WorkflowClient.start(check::run, new CheckInput(inv, image, keep));
      out.println(
          "Checking that cluster "
              + cluster
              + " serves a workload (workflow "
              + WorkflowIds.check(cluster)
              + ", image "
              + image
              + ")");
      out.flush();
      try {
        CheckReport.print(
            WorkflowStub.fromTyped(check)
                .getResult(WAIT_MINUTES, TimeUnit.MINUTES, CheckResult.class),
            out);
        out.flush();
        return ExitCodes.OK;
      } catch (TimeoutException e) {
        err.println(
            "kubeha: the workload check of "
                + cluster
                + " has not finished within "
                + WAIT_MINUTES
                + " minutes; it goes on as workflow "
                + WorkflowIds.check(cluster));
      } catch (WorkflowException e) {
        Optional<WorkloadCheckResult> probes = CheckReport.ofFailure(e);
        probes.ifPresent(p -> CheckReport.probes(p, out));
        out.flush();
        err.println("kubeha: the workload check of " + cluster + " failed: " + FailureText.of(e));
        if (probes.map(WorkloadCheckResult::kept).orElse(false)) {
          CheckReport.kept(err);
        }
      }
      err.flush();
      return ExitCodes.FAILURE;
    }
  }
}
