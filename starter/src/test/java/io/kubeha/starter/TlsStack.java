package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.TemporalCli;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.worker.TemporalServiceOptions;
import io.kubeha.workflow.engine.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * scripts/temporal-stack (mutual TLS) up for one test class, a CA of the test's own beside it, and
 * the calls the TLS tests make: {@code @RegisterExtension static final TlsStack tls = new
 * TlsStack();}. Skips the class unless PostgreSQL 15 and Go are installed.
 */
final class TlsStack implements BeforeAllCallback, AfterAllCallback {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  Path dir;
  TemporalStackScript stack;
  TestCertificates otherCa;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    TemporalStackScript.assumeInstalled();
    dir = Files.createTempDirectory("kubeha-tls-stack");
    otherCa = TestCertificates.make(dir.resolve("other-ca"), "another CA");
    stack = TemporalStackScript.onFreePorts(Files.createDirectories(dir.resolve("home")));
    Run up = stack.run(TemporalStackScript.FIRST_UP, "up");
    assertEquals(0, up.exitCode(), up.output());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (stack == null) {
      return;
    }
    Run down = stack.run(TemporalStackScript.UP, "down");
    assertEquals(0, down.exitCode(), down.output());
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  Path ca() {
    return stack.security().caPath();
  }

  /** `kubeha args... --address STACK` and the stack's --tls-* options. */
  String[] withTls(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", stack.address()));
    all.addAll(stack.tlsOptions());
    return all.toArray(String[]::new);
  }

  WorkflowServiceStubs stubs(TemporalSecurity security) {
    return WorkflowServiceStubs.newServiceStubs(
        TemporalServiceOptions.of(stack.address(), security));
  }

  /** Namespace default's name read through the SDK with security; StatusRuntimeException if not. */
  String describeDefault(TemporalSecurity security) {
    WorkflowServiceStubs service = stubs(security);
    try {
      return service
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toSeconds(), TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
          .getNamespaceInfo()
          .getName();
    } finally {
      service.shutdownNow();
    }
  }

  /** The identities (pid@host) of the workers polling kubeha's workflow task queue. */
  List<String> pollers() {
    WorkflowServiceStubs service = stubs(stack.security());
    try {
      return service
          .blockingStub()
          .describeTaskQueue(
              DescribeTaskQueueRequest.newBuilder()
                  .setNamespace("default")
                  .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.KUBEHA).build())
                  .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                  .build())
          .getPollersList()
          .stream()
          .map(p -> p.getIdentity())
          .toList();
    } finally {
      service.shutdownNow();
    }
  }

  /** The real temporal CLI describing namespace default on the stack, with options. */
  Run temporalCli(List<String> options) {
    List<String> all = new ArrayList<>(List.of("--address", stack.address()));
    all.addAll(options);
    return describeDefault(all, Map.of());
  }

  /** The real temporal CLI: args, then the stack's address and security's TLS options. */
  Run temporal(TemporalSecurity security, String... args) {
    List<String> command = new ArrayList<>(List.of(TemporalCli.locate().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", stack.address(), "--command-timeout", "10s"));
    command.addAll(TemporalStackScript.tlsOptions(security));
    return stack.exec(command, Map.of(), DEADLINE);
  }

  /** The same told where and how by env alone (the temporal CLI's variables). */
  Run temporalCliWith(Map<String, String> env) {
    return describeDefault(List.of(), env);
  }

  private Run describeDefault(List<String> options, Map<String, String> env) {
    List<String> command =
        new ArrayList<>(
            List.of(
                TemporalCli.locate().toString(),
                "operator",
                "namespace",
                "describe",
                "--namespace",
                "default",
                "--command-timeout",
                "10s"));
    command.addAll(options);
    return stack.exec(command, env, DEADLINE);
  }

  /** openssl s_client with cert and key, trusting the stack's CA, held open 2 s for alerts. */
  Run openssl(Path cert, Path key) {
    String command =
        String.format(
            "sleep 2 | openssl s_client -connect %s -alpn h2 -cert %s -key %s -CAfile %s 2>&1",
            stack.address(), cert, key, ca());
    return stack.exec(List.of("sh", "-c", command), Map.of(), DEADLINE);
  }
}
