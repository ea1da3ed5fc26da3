package io.kubeha.starter;

import io.kubeha.activities.InventoryActivitiesImpl;
import io.kubeha.activities.PlanActivitiesImpl;
import io.kubeha.worker.TemporalDevServer;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.worker.TemporalServiceOptions;
import io.kubeha.workflow.bringup.ClusterBringUpImpl;
import io.kubeha.workflow.bringup.HostPrepImpl;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Temporal dev server on a free port in a temp dir, and a worker running the workflows on
 * quick activities, one per test class: {@code @RegisterExtension static final TestTemporal
 * temporal = new TestTemporal();}. {@link #onStack()} runs the same worker against
 * scripts/temporal-stack instead.
 */
final class TestTemporal implements BeforeAllCallback, AfterAllCallback {
  final QuickActivities activities = new QuickActivities();
  private final boolean ui;
  private final boolean onStack;
  private String address;
  private String uiBase; // the UI's http://host:port, or null without the UI
  private Path stackDir;
  private TemporalStackScript stack;
  private TemporalDevServer server;
  private WorkflowServiceStubs service;
  private WorkerFactory factory;
  WorkflowClient client;

  TestTemporal() {
    this(false);
  }

  /** With the dev server's web UI on a free port when {@code ui}. */
  TestTemporal(boolean ui) {
    this(ui, false);
  }

  private TestTemporal(boolean ui, boolean onStack) {
    this.ui = ui;
    this.onStack = onStack;
  }

  /**
   * On scripts/temporal-stack (PostgreSQL, the Temporal server and its UI) on free ports with its
   * state in a temp dir: up before the class, down after it. Skips the class unless PostgreSQL 15
   * and Go are installed.
   */
  static TestTemporal onStack() {
    return new TestTemporal(true, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (onStack) {
      upStack();
    } else {
      Path dir = Files.createTempDirectory("kubeha-cli-test");
      int uiPort = freePort();
      server = TemporalDevServer.start(dir.resolve("temporal"), freePort(), uiPort, ui);
      address = server.address();
      uiBase = ui ? "http://127.0.0.1:" + uiPort : null;
    }
    service = WorkflowServiceStubs.newServiceStubs(TemporalServiceOptions.of(address, security()));
    client = WorkflowClient.newInstance(service);
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.KUBEHA);
    worker.registerWorkflowImplementationTypes(
        ClusterBringUpImpl.class,
        HostPrepImpl.class,
        io.kubeha.workflow.removal.ClusterRemoveNodesImpl.class,
        io.kubeha.workflow.reset.ClusterResetImpl.class);
    worker.registerActivitiesImplementations(
        activities, new InventoryActivitiesImpl(client), new PlanActivitiesImpl(client));
    factory.start();
  }

  private void upStack() throws IOException {
    TemporalStackScript.assumeInstalled();
    stackDir = Files.createTempDirectory("kubeha-stack-test");
    stack = TemporalStackScript.onFreePorts(stackDir);
    TemporalStackScript.Run up = stack.run(TemporalStackScript.FIRST_UP, "up");
    if (up.exitCode() != 0) {
      throw new AssertionError("scripts/temporal-stack up failed: " + up.output());
    }
    address = stack.address();
    uiBase = "http://127.0.0.1:" + stack.uiPort;
  }

  String address() {
    return address;
  }

  /** The stack's client certificate (it requires mutual TLS); none for the dev server. */
  TemporalSecurity security() {
    return stack == null ? TemporalSecurity.NONE : stack.security();
  }

  /**
   * The TLS options of the temporal CLI and kubeha's CLI for this server; none for the dev server.
   */
  List<String> tlsOptions() {
    return stack == null ? List.of() : stack.tlsOptions();
  }

  /** The UI's page of a workflow (the latest run of that id). */
  String uiPage(String workflowId) {
    if (uiBase == null) {
      throw new IllegalStateException("this TestTemporal runs without the UI");
    }
    return uiBase + "/namespaces/default/workflows/" + workflowId;
  }

  /** The real Temporal CLI against this server; its output, or an AssertionError when it fails. */
  String temporalCli(String... args) {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(io.kubeha.worker.TemporalCli.locate().toString()));
    command.addAll(java.util.List.of(args));
    command.addAll(java.util.List.of("--address", address(), "--namespace", "default"));
    command.addAll(tlsOptions());
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs the CLI with --address pointing at this server (and the TLS options) appended. */
  Cli cli(String... args) {
    return Cli.run(withAddress(args));
  }

  /** Starts the CLI on another thread, with --address and the TLS options appended. */
  Cli.Running start(String... args) {
    return Cli.start(withAddress(args));
  }

  private String[] withAddress(String... args) {
    List<String> withAddress = new java.util.ArrayList<>(List.of(args));
    withAddress.addAll(List.of("--address", address()));
    withAddress.addAll(tlsOptions());
    return withAddress.toArray(String[]::new);
  }

  /**
   * Polls the condition until it holds or the deadline passes (then fails naming it). A condition
   * that throws counts as "not yet": the server may refuse a query for a moment ("consistent query
   * buffer is full" while a workflow task is in flight); the last such error is the timeout's
   * cause.
   */
  static void waitUntil(String what, Duration deadline, BooleanSupplier condition) {
    Instant end = Instant.now().plus(deadline);
    Throwable lastError = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        lastError = e;
      }
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(
            "timed out after " + deadline + " waiting until " + what, lastError);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (factory != null) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (service != null) {
      service.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
    if (stack != null) {
      downStack();
    }
  }

  /**
   * Takes the stack down; its state (PostgreSQL's data, the logs) goes with the temp dir once
   * nothing runs there.
   */
  private void downStack() throws IOException {
    TemporalStackScript.Run down = stack.run(TemporalStackScript.UP, "down");
    List<String> left = stack.processes();
    if (down.exitCode() != 0 || !left.isEmpty()) {
      throw new AssertionError(
          "scripts/temporal-stack down left "
              + left
              + " (state kept in "
              + stack.state()
              + "): "
              + down.output());
    }
    try (Stream<Path> files = Files.walk(stackDir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
