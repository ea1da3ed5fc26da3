package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.worker.KubehaWorker;
import io.kubeha.workflow.bringup.HostGroupImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.temporal.workflow.WorkflowInterface;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operation the worker runs under a cluster's id is one the CLI can report the end of. */
class OperationsTest {
  @Test
  void everyOperationTheWorkerRunsHasItsEndingInTheCli() {
    List<String> types =
        KubehaWorker.WORKFLOWS.stream()
            // A bring-up's children, never a cluster's run.
            .filter(c -> c != HostPrepImpl.class && c != HostGroupImpl.class)
            .map(OperationsTest::workflowType)
            .sorted()
            .toList();
    assertEquals(Operations.ALL.stream().sorted().toList(), types);
    for (String type : types) {
      assertEquals(
          false,
          Operations.describe(type).startsWith("the operation "),
          type + " has an operator's name");
    }
  }

  private static String workflowType(Class<?> impl) {
    return Arrays.stream(impl.getInterfaces())
        .filter(i -> i.isAnnotationPresent(WorkflowInterface.class))
        .findFirst()
        .orElseThrow()
        .getSimpleName();
  }
}
