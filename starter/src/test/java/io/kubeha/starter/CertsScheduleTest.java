package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.workflow.engine.WorkflowIds;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * certs schedule against a real Temporal dev server, read back with the real `temporal schedule
 * describe`.
 */
class CertsScheduleTest {
  @RegisterExtension static final TestTemporal temporal = new TestTemporal();

  @TempDir Path dir;

  @Test
  void createsUpdatesPausesAndDeletesTheClustersSchedule() {
    Path file = TestInventory.write(dir, "sched", 31);
    String id = WorkflowIds.certificateSchedule("sched");
    Cli created =
        temporal.cli(
            "certs", "schedule", "-f", file.toString(), "--every", "6h", "--within", "20d");
    assertEquals(0, created.exitCode(), created.err());
    assertTrue(created.out().contains("Created Schedule " + id), created.out());

    JsonNode schedule = describe(id);
    assertEquals(
        "21600s", schedule.at("/schedule/spec/interval/0/interval").asText(), schedule.toString());
    assertEquals(
        "SCHEDULE_OVERLAP_POLICY_SKIP",
        schedule.at("/schedule/policies/overlapPolicy").asText(),
        schedule.toString());
    JsonNode action = schedule.at("/schedule/action/startWorkflow");
    assertEquals(
        "ClusterCertificates", action.at("/workflowType/name").asText(), action.toString());
    assertEquals(id, action.path("workflowId").asText());
    String args = action.at("/input/payloads/0/data").asText();
    String input =
        new String(
            java.util.Base64.getDecoder().decode(args), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        input.contains("\"scheduled\":true") && input.contains("\"renewWithinSeconds\":1728000"),
        input);

    Cli updated = temporal.cli("certs", "schedule", "-f", file.toString(), "--every", "12h");
    assertEquals(0, updated.exitCode(), updated.err());
    assertTrue(updated.out().contains("Updated Schedule " + id), updated.out());
    assertEquals("43200s", describe(id).at("/schedule/spec/interval/0/interval").asText());

    assertEquals(0, temporal.cli("certs", "schedule", "-f", file.toString(), "--pause").exitCode());
    assertTrue(describe(id).at("/schedule/state/paused").asBoolean(), "paused");
    assertEquals(
        0, temporal.cli("certs", "schedule", "-f", file.toString(), "--delete").exitCode());
    assertTrue(!temporal.temporalCli("schedule", "list", "-o", "json").contains(id), "deleted");
    Cli again = temporal.cli("certs", "schedule", "-f", file.toString(), "--pause");
    assertEquals(ExitCodes.BAD_INPUT, again.exitCode(), again.out() + again.err());
    assertTrue(again.err().contains("no Schedule " + id), again.err());
  }

  private static JsonNode describe(String id) {
    return RunCommandsTest.read(
        temporal.temporalCli("schedule", "describe", "--schedule-id", id, "-o", "json"));
  }
}
