package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/temporal-stack: PostgreSQL, the Temporal server and its UI as plain processes, on ports of
 * their own and with their state in a temp dir, checked through the real stack. The tests run in order:
 * later ones kill parts of the stack the earlier ones brought up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemporalStackTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("scripts/temporal-stack");
  // The first `up` on a machine builds the server, its SQL tool and the UI server from source.
  static final Duration FIRST_UP = Duration.ofMinutes(40);
  static final Duration UP = Duration.ofMinutes(3);
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final String WORKFLOW_ID = "temporal-stack-probe";

  @TempDir static Path dir;
  static Path state;
  static int port;
  static int uiPort;
  static int pgPort;

  /** Needs what scripts/install-deps installs: PostgreSQL 15, Go (or the built binaries) and the temporal CLI. */
  @BeforeAll
  static void up() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/initdb")), "PostgreSQL 15 is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/local/go/bin/go")) || onPath("go"), "Go is not installed");
    port = freeBlock(11);
    uiPort = TestTemporal.freePort();
    pgPort = TestTemporal.freePort();
    state = dir.resolve("temporal-stack");
    Run up = stack(FIRST_UP, "up");
    assertEquals(0, up.exitCode(), up.output());
  }

  @Test
  @Order(1)
  void theDefaultNamespaceHasTheKubehaPhaseKeyword() {
    JsonNode namespace = RunCommandsTest.read(temporal("operator", "namespace", "describe", "-o", "json"));
    assertEquals("default", namespace.at("/namespaceInfo/name").asText(), namespace.toString());
    String attributes = temporal("operator", "search-attribute", "list");
    assertTrue(Pattern.compile("KubehaPhase\\s+Keyword").matcher(attributes).find(), attributes);
  }

  @Test
  @Order(2)
  void theUiAnswersOnItsPort() throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + uiPort + "/").toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(5000);
    assertEquals(200, c.getResponseCode());
    assertTrue(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("<html"), "not the UI");
  }

  @Test
  @Order(3)
  void upWhenUpChangesNothing() throws Exception {
    Map<String, Long> before = pids();
    Run again = stack(UP, "up");
    assertEquals(0, again.exitCode(), again.output());
    assertTrue(again.output().contains("already up"), again.output());
    assertEquals(before, pids());
  }

  @Test
  @Order(4)
  void aWorkflowIsKeptInPostgreSql() {
    temporal("workflow", "start", "--workflow-id", WORKFLOW_ID, "--type", "StackProbe",
        "--task-queue", "temporal-stack-test", "--search-attribute", "KubehaPhase=\"probe\"");
    TestTemporal.waitUntil("visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
    String where = " WHERE workflow_id = '" + WORKFLOW_ID + "'";
    assertEquals("1", psql("temporal", "SELECT count(*) FROM current_executions" + where).strip());
    assertEquals("StackProbe",
        psql("temporal_visibility", "SELECT workflow_type_name FROM executions_visibility" + where).strip());
  }

  @Test
  @Order(5)
  void nothingIsLostWhenTheServerIsKilled() throws Exception {
    long server = pids().get("server");
    assertEquals(0, stack(UP, "kill", "server").exitCode());
    waitForExit(server);
    assertEquals(1, stack(UP, "status").exitCode(), "status says up with the server killed");
    Run up = stack(UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(pids().get("server").longValue() != server, "the same server pid after a kill");
    TestTemporal.waitUntil("the workflow is read back through the server", DEADLINE, this::described);
    TestTemporal.waitUntil("visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
  }

  @Test
  @Order(6)
  void nothingIsLostWhenPostgreSqlIsKilled() throws Exception {
    long postmaster = pids().get("postgres");
    long server = pids().get("server");
    assertEquals(0, stack(UP, "kill", "postgres").exitCode());
    waitForExit(postmaster);
    Run up = stack(UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(pids().get("postgres").longValue() != postmaster, "the same postmaster after a kill");
    assertEquals(server, pids().get("server").longValue(), "the server rides out a database restart");
    TestTemporal.waitUntil("the workflow is read back through the server", DEADLINE, this::described);
    TestTemporal.waitUntil("visibility lists the workflow by KubehaPhase", DEADLINE, this::listedByPhase);
  }

  @Test
  @Order(7)
  void downLeavesNoProcessOfItsOwn() throws Exception {
    Map<String, Long> running = pids();
    assertEquals(3, running.size(), running.toString());
    Run down = stack(UP, "down");
    assertEquals(0, down.exitCode(), down.output());
    for (var e : running.entrySet()) {
      assertTrue(gone(e.getValue()), e.getKey() + " still runs");
    }
    assertEquals(List.of(), processesOfTheStack());
    Run status = stack(UP, "status");
    assertEquals(1, status.exitCode(), status.output());
  }

  @AfterAll
  static void down() throws Exception {
    if (state != null && Files.isDirectory(state)) {
      stack(UP, "down");
    }
  }

  private boolean described() {
    JsonNode workflow =
        RunCommandsTest.read(temporal("workflow", "describe", "--workflow-id", WORKFLOW_ID, "-o", "json"));
    return "StackProbe".equals(workflow.at("/workflowExecutionInfo/type/name").asText());
  }

  private boolean listedByPhase() {
    return temporal("workflow", "list", "--query", "KubehaPhase = 'probe'", "-o", "json").contains(WORKFLOW_ID);
  }

  /** The pid of each part `status` reports up. */
  private static Map<String, Long> pids() throws Exception {
    Map<String, Long> pids = new java.util.TreeMap<>();
    Matcher m = Pattern.compile("(?m)^(\\S+)\\s+up\\s+pid (\\d+)").matcher(stack(UP, "status").output());
    while (m.find()) {
      pids.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return pids;
  }

  /** Processes whose command line names the state dir or that run in it (PostgreSQL's run in its data dir). */
  private static List<String> processesOfTheStack() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(state.toString())).orElse(false)
            || cwd(p.pid()).startsWith(state.toString()))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .toList();
  }

  private static String cwd(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static void waitForExit(long pid) {
    TestTemporal.waitUntil("pid " + pid + " exits", DEADLINE, () -> gone(pid));
  }

  /** Exited: no such process, or a zombie its new parent (init) has not reaped yet. */
  private static boolean gone(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().anyMatch(l -> l.matches("State:\\s+Z.*"));
    } catch (IOException e) {
      return true;
    }
  }

  /** The real temporal CLI against the stack's frontend. */
  private static String temporal(String... args) {
    List<String> command = new ArrayList<>(List.of(io.kubeha.worker.TemporalCli.locate().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", "127.0.0.1:" + port, "--namespace", "default"));
    Run r = run(command, Map.of(), DEADLINE);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + r.output());
    }
    return r.output();
  }

  /** One SQL query as PostgreSQL's superuser, over the instance's own socket; the rows, unaligned. */
  private static String psql(String database, String sql) {
    Run r = run(List.of("/usr/lib/postgresql/15/bin/psql", "-X", "-tA", "-h", state.resolve("postgres/run").toString(),
        "-p", String.valueOf(pgPort), "-U", "postgres", "-d", database, "-c", sql), Map.of(), DEADLINE);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }

  private static Run stack(Duration deadline, String... args) {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    return run(command, Map.of("KUBEHA_HOME", dir.toString(), "KUBEHA_STACK_PORT", String.valueOf(port),
        "KUBEHA_STACK_UI_PORT", String.valueOf(uiPort), "KUBEHA_STACK_PG_PORT", String.valueOf(pgPort)), deadline);
  }

  /** Output goes to a file, so a hung command fails at the deadline instead of blocking a read. */
  private static Run run(List<String> command, Map<String, String> env, Duration deadline) {
    try {
      Path log = Files.createTempFile(dir, "run", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline + ": "
            + Files.readString(log));
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A port P with P..P+n-1 all free on 127.0.0.1 (the server takes several ports from its frontend's). */
  private static int freeBlock(int n) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 30000);
      if (Stream.iterate(base, p -> p + 1).limit(n).allMatch(TemporalStackTest::free)) {
        return base;
      }
    }
    throw new IOException("no block of " + n + " free ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  private record Run(int exitCode, String output) {}
}
