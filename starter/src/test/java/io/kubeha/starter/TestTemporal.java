package io.kubeha.starter;

import io.kubeha.activities.InventoryActivitiesImpl;
import io.kubeha.worker.TemporalDevServer;
import io.kubeha.workflow.ClusterBringUpImpl;
import io.kubeha.workflow.HostPrepImpl;
import io.kubeha.workflow.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Temporal dev server on a free port in a temp dir, and a worker running the workflows on quick activities,
 * one per test class: {@code @RegisterExtension static final TestTemporal temporal = new TestTemporal();}.
 */
final class TestTemporal implements BeforeAllCallback, AfterAllCallback {
  final QuickActivities activities = new QuickActivities();
  private final boolean ui;
  private int uiPort;
  private TemporalDevServer server;
  private WorkflowServiceStubs service;
  private WorkerFactory factory;
  WorkflowClient client;

  TestTemporal() {
    this(false);
  }

  /** With the dev server's web UI on a free port when {@code ui}. */
  TestTemporal(boolean ui) {
    this.ui = ui;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path dir = Files.createTempDirectory("kubeha-cli-test");
    uiPort = freePort();
    server = TemporalDevServer.start(dir.resolve("temporal"), freePort(), uiPort, ui);
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    client = WorkflowClient.newInstance(service);
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.KUBEHA);
    worker.registerWorkflowImplementationTypes(ClusterBringUpImpl.class, HostPrepImpl.class,
        io.kubeha.workflow.ClusterRemoveNodesImpl.class, io.kubeha.workflow.ClusterResetImpl.class);
    worker.registerActivitiesImplementations(activities, new InventoryActivitiesImpl(client));
    factory.start();
  }

  String address() {
    return server.address();
  }

  /** The UI's page of a workflow (the latest run of that id). */
  String uiPage(String workflowId) {
    if (!ui) {
      throw new IllegalStateException("this TestTemporal runs without the UI");
    }
    return "http://127.0.0.1:" + uiPort + "/namespaces/default/workflows/" + workflowId;
  }

  /** The real Temporal CLI against this server; its output, or an AssertionError when it fails. */
  String temporalCli(String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        io.kubeha.worker.TemporalCli.locate().toString()));
    command.addAll(java.util.List.of(args));
    command.addAll(java.util.List.of("--address", address(), "--namespace", "default"));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
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

  /** Runs the CLI with --address pointing at this server appended. */
  Cli cli(String... args) {
    return Cli.run(withAddress(args));
  }

  /** Starts the CLI on another thread, with --address pointing at this server appended. */
  Cli.Running start(String... args) {
    return Cli.start(withAddress(args));
  }

  private String[] withAddress(String... args) {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address();
    return withAddress;
  }

  /**
   * Polls the condition until it holds or the deadline passes (then fails naming it). A condition
   * that throws counts as "not yet": the server may refuse a query for a moment ("consistent query
   * buffer is full" while a workflow task is in flight); the last such error is the timeout's cause.
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
        throw new AssertionError("timed out after " + deadline + " waiting until " + what, lastError);
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
  public void afterAll(ExtensionContext context) {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    service.shutdownNow();
    server.close();
  }
}
