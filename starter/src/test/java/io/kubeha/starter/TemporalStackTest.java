package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubeha.starter.TemporalStackScript.Run;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/temporal-stack: PostgreSQL, the Temporal server and its UI as plain processes, on ports
 * of their own and with their state in a temp dir, checked through the real stack. The tests run in
 * order: later ones kill parts of the stack the earlier ones brought up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporalStackTest {
  static final Duration UP = TemporalStackScript.UP;
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final String WORKFLOW_ID = "temporal-stack-probe";

  @TempDir static Path dir;
  static TemporalStackScript stack;

  /**
   * Needs what scripts/install-deps installs: PostgreSQL 15, Go (or the built binaries) and the
   * temporal CLI.
   */
  @BeforeAll
  static void up() throws Exception {
    TemporalStackScript.assumeInstalled();
    stack = TemporalStackScript.onFreePorts(dir);
    Run up = stack.run(TemporalStackScript.FIRST_UP, "up");
    assertEquals(0, up.exitCode(), up.output());
  }

  @Test
  @Order(1)
  void theDefaultNamespaceHasTheKubehaPhaseKeyword() {
    JsonNode namespace =
        RunCommandsTest.read(temporal("operator", "namespace", "describe", "-o", "json"));
    assertEquals("default", namespace.at("/namespaceInfo/name").asText(), namespace.toString());
    String attributes = temporal("operator", "search-attribute", "list");
    assertTrue(Pattern.compile("KubehaPhase\\s+Keyword").matcher(attributes).find(), attributes);
  }

  @Test
  @Order(2)
  void theUiAnswersOnItsPort() throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + stack.uiPort + "/").toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    assertEquals(200, c.getResponseCode());
    assertTrue(
        new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("<html"),
        "not the UI");
  }

  @Test
  @Order(3)
  void upWhenUpChangesNothing() throws Exception {
    Map<String, Long> before = stack.pids();
    Run again = stack.run(UP, "up");
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().contains("already up"), again.output());
    assertEquals(before, stack.pids());
  }

  @Test
  @Order(4)
  void aWorkflowIsKeptInPostgreSql() {
    temporal(
        "workflow",
        "start",
        "--workflow-id",
        WORKFLOW_ID,
        "--type",
        "StackProbe",
        "--task-queue",
        "temporal-stack-test",
        "--search-attribute",
        "KubehaPhase=\"probe\"");
    TestTemporal.waitUntil(
        "visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
    String where = " WHERE workflow_id = '" + WORKFLOW_ID + "'";
    assertEquals("1", psql("temporal", "SELECT count(*) FROM current_executions" + where).strip());
    assertEquals(
        "StackProbe",
        psql("temporal_visibility", "SELECT workflow_type_name FROM executions_visibility" + where)
            .strip());
  }

  @Test
  @Order(5)
  void nothingIsLostWhenTheServerIsKilled() throws Exception {
    long server = stack.pids().get("server");
    assertEquals(0, stack.run(UP, "kill", "server").exitCode());
    TemporalStackScript.waitForExit(server);
    assertEquals(1, stack.run(UP, "status").exitCode(), "status says up with the server killed");
    Run up = stack.run(UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(
        stack.pids().get("server").longValue() != server, "the same server pid after a kill");
    TestTemporal.waitUntil(
        "the workflow is read back through the server", DEADLINE, this::described);
    TestTemporal.waitUntil(
        "visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
  }

  @Test
  @Order(6)
  void nothingIsLostWhenPostgreSqlIsKilled() throws Exception {
    long postmaster = stack.pids().get("postgres");
    long server = stack.pids().get("server");
    assertEquals(0, stack.run(UP, "kill", "postgres").exitCode());
    TemporalStackScript.waitForExit(postmaster);
    Run up = stack.run(UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(
        stack.pids().get("postgres").longValue() != postmaster, "the same postmaster after a kill");
    assertEquals(
        server, stack.pids().get("server").longValue(), "the server rides out a database restart");
    TestTemporal.waitUntil(
        "the workflow is read back through the server", DEADLINE, this::described);
    TestTemporal.waitUntil(
        "visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
  }

  @Test
  @Order(7)
  void downLeavesNoProcessOfItsOwn() throws Exception {
    Map<String, Long> running = stack.pids();
    assertEquals(3, running.size(), running.toString());
    Run down = stack.run(UP, "down");
    assertEquals(0, down.exitCode(), down.output());
    for (var e : running.entrySet()) {
      assertTrue(TemporalStackScript.gone(e.getValue()), e.getKey() + " still runs");
    }
    assertEquals(List.of(), stack.processes());
    Run status = stack.run(UP, "status");
    assertEquals(1, status.exitCode(), status.output());
  }

  @AfterAll
  static void down() throws Exception {
    if (stack != null && Files.isDirectory(stack.state())) {
      stack.run(UP, "down");
    }
  }

  private boolean described() {
    JsonNode workflow =
        RunCommandsTest.read(
            temporal("workflow", "describe", "--workflow-id", WORKFLOW_ID, "-o", "json"));
    return "StackProbe".equals(workflow.at("/workflowExecutionInfo/type/name").asText());
  }

  private boolean listedByPhase() {
    return temporal("workflow", "list", "--query", "KubehaPhase = 'probe'", "-o", "json")
        .contains(WORKFLOW_ID);
  }

  /** The real temporal CLI against the stack's frontend, with the stack's client certificate. */
  private static String temporal(String... args) {
    List<String> command =
        new ArrayList<>(List.of(io.kubeha.worker.TemporalCli.locate().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.address(), "--namespace", "default"));
    command.addAll(stack.tlsOptions());
    Run r = stack.exec(command, Map.of(), DEADLINE);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + r.output());
    }
    return r.output();
  }

  /**
   * One SQL query as PostgreSQL's superuser, over the instance's own socket; the rows, unaligned.
   */
  private static String psql(String database, String sql) {
    Run r =
        stack.exec(
            List.of(
                "/usr/lib/postgresql/15/bin/psql",
                "-X",
                "-tA",
                "-h",
                stack.state().resolve("postgres/run").toString(),
                "-p",
                String.valueOf(stack.pgPort),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                sql),
            Map.of(),
            DEADLINE);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }
}
