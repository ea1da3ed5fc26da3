package io.kubeha.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.activity.WorkloadCheckResult;
import io.kubeha.activity.WorkloadProbe;
import io.kubeha.inventory.HostSpec;
import io.kubeha.lab.ExecResult;
import io.kubeha.plan.CheckWorkload;
import io.kubeha.workflow.BringUpResult;
import io.kubeha.workflow.CheckInput;
import io.kubeha.workflow.CheckResult;
import io.kubeha.workflow.ClusterCheck;
import io.kubeha.workflow.TaskQueues;
import io.kubeha.workflow.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubeha check on a real-node lab (1 master, 2 workers, no LBs): after a verified bring-up, the
 * workload answers its ClusterIP, NodePort and DNS probes from every node, and the cluster itself
 * (kubectl on the master) has no kubeha-check namespace left afterwards.
 *
 * <p>Needs the check's image in the lab's registry: -Dkubeha.check.image=IMAGE names another than
 * agnhost's default.
 */
class WorkloadCheckTest {
  private static final long CHECK_MINUTES = 30;

  @TempDir Path state;

  @Test
  void aFreshClusterServesTheWorkloadFromEveryNodeAndTheCheckLeavesNothingBehind()
      throws Exception {
    String image = System.getProperty("kubeha.check.image", CheckWorkload.DEFAULT_IMAGE);
    try (LabCluster cluster = LabCluster.start(1, 2, 0, state);
        KubehaWorker worker = KubehaWorker.start(cluster.server.address())) {
      BringUpResult up = cluster.await(cluster.startRun(false));
      assertTrue(up.verify().ok(), "verify: " + up.verify());

      CheckResult result = check(cluster, image);
      WorkloadCheckResult workload = result.workload();
      workload.probes().forEach(p -> System.out.println("  " + p.line()));
      assertEquals(List.of(), workload.failed(), "every probe answered");
      assertTrue(result.verified().ok(), "verified first: " + result.verified());
      assertEquals(3, workload.pods().size(), "3 Pods: " + workload.pods());
      assertTrue(workload.podNodes().size() >= 2, "spread over the workers: " + workload.pods());
      for (HostSpec node : cluster.inventory.nodes()) {
        for (String kind : List.of("ClusterIP ", "NodePort " + node.address() + ":", "DNS ")) {
          assertTrue(
              workload.probes().stream()
                  .anyMatch(
                      p -> p.from().equals(node.name()) && p.what().startsWith(kind) && p.ok()),
              node.name() + ": a " + kind.strip() + " probe that answered: " + workload.probes());
        }
      }
      assertTrue(
          workload.probes().stream().anyMatch(p -> p.what().startsWith("Pod ") && p.ok()),
          "Pod to Pod across nodes: " + workload.probes());
      for (WorkloadProbe p : workload.probes()) {
        if (p.what().startsWith("ClusterIP") || p.what().startsWith("NodePort")) {
          assertTrue(
              workload.pods().stream().anyMatch(pod -> pod.name().equals(p.detail())),
              "answered by one of the Pods: " + p.line());
        }
      }

      // Through the cluster, not kubeha's word: the namespace and its Pods are gone.
      String master = cluster.inventory.firstControlPlane().name();
      ExecResult namespace =
          kubectl(
              cluster,
              master,
              "get",
              "namespace",
              CheckWorkload.NAMESPACE,
              "--ignore-not-found",
              "-o",
              "name");
      assertTrue(namespace.ok(), namespace.stderr());
      assertEquals("", namespace.out(), "namespace " + CheckWorkload.NAMESPACE + " is gone");
      ExecResult pods =
          kubectl(
              cluster,
              master,
              "get",
              "pods",
              "-A",
              "-l",
              CheckWorkload.APP_LABEL + "=" + CheckWorkload.NAME,
              "-o",
              "name");
      assertTrue(pods.ok(), pods.stderr());
      assertEquals("", pods.out(), "no Pod of the check is left");
    }
  }

  private static CheckResult check(LabCluster cluster, String image) throws Exception {
    String name = cluster.inventory.clusterName();
    ClusterCheck check =
        cluster.client.newWorkflowStub(
            ClusterCheck.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.check(name))
                .setTaskQueue(TaskQueues.KUBEHA)
                .build());
    WorkflowClient.start(check::run, new CheckInput(cluster.inventory, image, false));
    return WorkflowStub.fromTyped(check)
        .getResult(CHECK_MINUTES, TimeUnit.MINUTES, CheckResult.class);
  }

  private static ExecResult kubectl(LabCluster cluster, String host, String... args) {
    String[] command = new String[args.length + 3];
    command[0] = "kubectl";
    command[1] = "--kubeconfig";
    command[2] = "/etc/kubernetes/admin.conf";
    System.arraycopy(args, 0, command, 3, args.length);
    return cluster.lab.exec(host, command);
  }
}
