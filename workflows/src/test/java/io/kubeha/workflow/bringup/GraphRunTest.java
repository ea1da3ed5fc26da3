package io.kubeha.workflow.bringup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.plan.Phase;
import io.kubeha.plan.graph.Task;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure text of a graph run: a line per phase, in the phases' order, naming every host. */
class GraphRunTest {

  @Test
  void failuresAreGroupedByPhaseInPhaseOrderEachHostOnce() {
    Map<Task, TemporalFailure> failures = new LinkedHashMap<>();
    failures.put(Task.on("w2", Phase.JOIN_WORKERS), fail("w2: step kubeadm-join: timed out"));
    failures.put(Task.on("w1", Phase.PREPARE_NODES), fail("step containerd: no space left"));
    failures.put(Task.on("w3", Phase.PREPARE_NODES), fail("step runc: checksum mismatch"));
    failures.put(Task.ofCluster(Phase.VERIFY_CLUSTER), fail("the cluster is not healthy: w1"));

    assertEquals(
        "Prepare nodes: failed on 2 hosts: w1: step containerd: no space left;"
            + " w3: step runc: checksum mismatch;"
            + " Join workers: failed on 1 host: w2: step kubeadm-join: timed out;"
            + " Verify the cluster: the cluster is not healthy: w1",
        GraphRun.failureText(failures));
  }

  private static TemporalFailure fail(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, "Broken");
  }
}
