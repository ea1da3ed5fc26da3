package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.workflow.engine.WorkflowIds;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain `temporal` CLI queries and signals a live run and gets plain JSON back
 * (docs/temporal-cli.md).
 */
class TemporalCliTest {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  @RegisterExtension static final TestTemporal temporal = new TestTemporal();

  @TempDir Path dir;

  @Test
  void queriesAndTheApproveSignalWorkWithPlainJson() throws Exception {
    Path file = TestInventory.write(dir, "plain", 21);
    assertEquals(0, temporal.cli("up", "-f", file.toString(), "--detach").exitCode());
    String id = WorkflowIds.cluster("plain");
    // The gate opens beside node prep; the earliest unfinished phase is the gate's once all
    // before it is done.
    TestTemporal.waitUntil(
        "the run waits at the gate with everything before it done",
        DEADLINE,
        () -> {
          JsonNode phase = query(id, "phase");
          return phase.path("waitingForApproval").asBoolean()
              && phase.path("phase").asText().equals("AWAIT_INIT_APPROVAL");
        });

    Cli onlyRun = temporal.cli("status", "-o", "json");
    assertEquals(
        0,
        onlyRun.exitCode(),
        "with one cluster on the server, it need not be named: " + onlyRun.err());
    assertEquals("plain", RunCommandsTest.read(onlyRun.out()).path("cluster").asText());

    JsonNode phase = query(id, "phase");
    assertEquals("AWAIT_INIT_APPROVAL", phase.path("phase").asText());
    assertEquals("Await approval of kubeadm init", phase.path("title").asText());
    JsonNode hosts = query(id, "hosts");
    assertEquals(4, hosts.size());
    assertEquals("m1", hosts.get(0).path("host").asText());
    assertTrue(hosts.get(0).path("stepsTotal").asInt() > 0, hosts.toString());
    JsonNode initPlan = query(id, "initPlan");
    assertEquals("m1", initPlan.path("firstMaster").asText());
    assertEquals("198.18.21.250:16443", initPlan.path("controlPlaneEndpoint").asText());
    assertTrue(
        initPlan.path("kubeadmConfig").asText().contains("controlPlaneEndpoint"),
        initPlan.toString());

    temporal(
        "workflow",
        "signal",
        "--workflow-id",
        id,
        "--name",
        "approveInit",
        "--input",
        "{\"approvedBy\":\"cli\",\"cluster\":\"plain\"}");
    TestTemporal.waitUntil(
        "the run passes the gate",
        DEADLINE,
        () -> !query(id, "phase").path("waitingForApproval").asBoolean());
    Cli watch = temporal.cli("watch", "plain");
    assertEquals(0, watch.exitCode(), watch.err());
  }

  /**
   * The query's answer: `temporal workflow query -o json` wraps it as {"queryResult": [ANSWER]}.
   */
  private static JsonNode query(String workflowId, String name) {
    JsonNode reply =
        RunCommandsTest.read(
            temporal(
                "workflow", "query", "--workflow-id", workflowId, "--name", name, "-o", "json"));
    return reply.path("queryResult").path(0);
  }

  static String temporal(String... args) {
    return temporal.temporalCli(args);
  }
}
