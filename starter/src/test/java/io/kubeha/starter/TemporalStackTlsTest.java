package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.ChildJvm;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.TemporalCli;
import io.kubeha.worker.TemporalSecurity;
import io.kubeha.worker.TemporalServiceOptions;
import io.kubeha.workflow.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/temporal-stack's frontend requires mutual TLS: without a client certificate, or with one
 * of another CA, the real server refuses the Java SDK, the real temporal CLI and kubeha; the
 * stack's own client certificate works for all three and for a kubeha worker.
 */
class TemporalStackTlsTest {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static TemporalStackScript stack;
  static TestCertificates otherCa;

  @BeforeAll
  static void up() throws Exception {
    TemporalStackScript.assumeInstalled();
    otherCa = TestCertificates.make(dir.resolve("other-ca"), "another CA");
    Files.createDirectories(dir.resolve("home"));
    stack = TemporalStackScript.onFreePorts(dir.resolve("home"));
    Run up = stack.run(TemporalStackScript.FIRST_UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertTrue(up.output().contains("--tls-cert-path " + stack.security().certPath()), up.output());
  }

  @AfterAll
  static void down() {
    if (stack != null && Files.isDirectory(stack.state())) {
      stack.run(TemporalStackScript.UP, "down");
    }
  }

  @Test
  void theSdkWithoutTlsIsRefused() {
    refused(TemporalSecurity.NONE);
  }

  @Test
  void theSdkOverTlsWithoutAClientCertificateIsRefused() {
    refused(new TemporalSecurity(true, null, null, stackCa(), null, null));
  }

  @Test
  void theSdkWithACertificateOfAnotherCaIsRefused() {
    refused(otherCa.clientOf(stackCa()));
  }

  @Test
  void theSdkWithTheStacksClientCertificateWorks() {
    WorkflowServiceStubs service = stubs(stack.security());
    try {
      String name =
          service
              .blockingStub()
              .withDeadlineAfter(DEADLINE.toSeconds(), TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
              .getNamespaceInfo()
              .getName();
      assertEquals("default", name);
    } finally {
      service.shutdownNow();
    }
  }

  @Test
  void theTemporalCliWithoutAClientCertificateIsRefused() {
    Run plain = temporal(List.of());
    assertTrue(plain.exitCode() != 0, plain.output());
    assertTrue(plain.output().contains("The server requires TLS"), plain.output());
    Run caOnly = temporal(List.of("--tls-ca-path", stackCa().toString()));
    assertTrue(caOnly.exitCode() != 0, caOnly.output());
    assertTrue(caOnly.output().contains("requires client certificates"), caOnly.output());
  }

  @Test
  void theTemporalCliWithACertificateOfAnotherCaIsRefused() {
    Run other =
        temporal(
            List.of(
                "--tls-cert-path",
                otherCa.cert().toString(),
                "--tls-key-path",
                otherCa.key().toString(),
                "--tls-ca-path",
                stackCa().toString()));
    assertTrue(other.exitCode() != 0, other.output());
    assertTrue(other.output().contains("requires client certificates"), other.output());
  }

  @Test
  void theTemporalCliWithTheStacksClientCertificateWorks() {
    Run ok = temporal(stack.tlsOptions());
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.output().contains("default"), ok.output());
  }

  @Test
  void kubehaWithTheStacksClientCertificateListsRuns() {
    List<String> args = new ArrayList<>(List.of("list", "--address", stack.address()));
    args.addAll(stack.tlsOptions());
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, list.exitCode(), list.err());
  }

  @Test
  void kubehaWithACertificateOfAnotherCaIsBadInputNamingTheServer() {
    Cli list =
        Cli.run(
            "list",
            "--address",
            stack.address(),
            "--tls-cert-path",
            otherCa.cert().toString(),
            "--tls-key-path",
            otherCa.key().toString(),
            "--tls-ca-path",
            stackCa().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err()
            .contains(
                "Temporal at "
                    + stack.address()
                    + " (from --address) requires a client certificate its CA signed"),
        list.err());
    assertFalse(list.err().contains("waiting up to"), "a TLS refusal is not waited on");
  }

  /**
   * Plaintext gets only a closed connection, which a restarting server could give too: kubeha waits
   * out the restart grace, then names TLS as the likely cause.
   */
  @Test
  void kubehaWithoutTlsIsBadInputPointingAtTheTlsOptions() {
    Cli list = Cli.run("list", "--address", stack.address());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("a server that requires TLS closes plaintext connections like this"),
        list.err());
  }

  @Test
  void kubehaWithoutAClientCertificateIsBadInputSayingWhichOptionsToGive() {
    Cli list = Cli.run("list", "--address", stack.address(), "--tls-ca-path", stackCa().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(list.err().contains("give --tls-cert-path and --tls-key-path"), list.err());
  }

  @Test
  void kubehaTrustingAnotherCaIsBadInputNamingTheCaOption() {
    List<String> args = new ArrayList<>(List.of("list", "--address", stack.address()));
    args.addAll(stack.tlsOptions());
    args.set(args.indexOf("--tls-ca-path") + 1, otherCa.ca().toString());
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("has a certificate kubeha does not trust: give --tls-ca-path"),
        list.err());
  }

  /**
   * openssl sends its certificate whatever CAs the server names (the Java and Go clients then send
   * none), so this is the server's own check of the chain.
   */
  @Test
  void theServerItselfRejectsACertificateOfAnotherCa() {
    Run other = openssl(otherCa.cert(), otherCa.key());
    assertTrue(other.output().contains("alert unknown ca"), other.output());
    Run own = openssl(stack.security().certPath(), stack.security().keyPath());
    assertTrue(own.output().contains("Verify return code: 0 (ok)"), own.output());
    assertFalse(own.output().contains("alert"), own.output());
  }

  @Test
  void aKubehaWorkerWithTheStacksClientCertificatePolls() {
    try (KubehaWorker worker = KubehaWorker.start(stack.address(), "default", stack.security())) {
      WorkflowServiceStubs service = stubs(stack.security());
      try {
        TestTemporal.waitUntil(
            "the worker polls task queue " + TaskQueues.KUBEHA, DEADLINE, () -> polled(service));
      } finally {
        service.shutdownNow();
      }
    }
  }

  /**
   * `temporal-stack env` prints the temporal CLI's variables: the real CLI and kubeha (a child JVM
   * given no option) both connect with them alone.
   */
  @Test
  void theVariablesOfEnvServeTheTemporalCliAndKubehaAlike() throws Exception {
    Run env = stack.run(TemporalStackScript.UP, "env");
    assertEquals(0, env.exitCode(), env.output());
    Map<String, String> variables = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^export (\\w+)=(\\S+)$").matcher(env.output());
    while (m.find()) {
      variables.put(m.group(1), m.group(2));
    }
    assertEquals(
        List.of(
            "TEMPORAL_ADDRESS",
            "TEMPORAL_TLS_CLIENT_CERT_PATH",
            "TEMPORAL_TLS_CLIENT_KEY_PATH",
            "TEMPORAL_TLS_SERVER_CA_CERT_PATH"),
        List.copyOf(variables.keySet()),
        env.output());
    Run cli =
        stack.exec(
            List.of(
                TemporalCli.locate().toString(),
                "operator",
                "namespace",
                "describe",
                "--namespace",
                "default",
                "--command-timeout",
                "10s"),
            variables,
            DEADLINE);
    assertEquals(0, cli.exitCode(), cli.output());
    Map<String, String> kubehaEnv = new HashMap<>(variables);
    kubehaEnv.put("KUBEHA_HOME", Files.createDirectories(dir.resolve("kubeha-home")).toString());
    Path log = dir.resolve("kubeha-list.log");
    try (ChildJvm list = ChildJvm.start(log, kubehaEnv, Kubeha.class.getName(), "list")) {
      assertEquals(
          OptionalInt.of(0), list.awaitExit(Duration.ofSeconds(90)), Files.readString(log));
    }
    assertTrue(
        Files.readString(log).contains("on Temporal at " + stack.address()), Files.readString(log));
  }

  /** `kubeha worker` (a child JVM) given only the temporal CLI's TLS variables polls the stack. */
  @Test
  void theKubehaWorkerCommandPollsWithTheVariables() throws Exception {
    Map<String, String> env = new HashMap<>(stack.tlsEnvironment());
    env.put("KUBEHA_HOME", Files.createDirectories(dir.resolve("worker-home")).toString());
    Path log = dir.resolve("kubeha-worker.log");
    try (ChildJvm worker =
        ChildJvm.start(log, env, Kubeha.class.getName(), "worker", "--address", stack.address())) {
      WorkflowServiceStubs service = stubs(stack.security());
      try {
        // Pollers are named pid@host: this worker's, not one an earlier test left listed.
        TestTemporal.waitUntil(
            "kubeha worker (pid " + worker.pid() + ") polls; its log: " + log,
            Duration.ofSeconds(90),
            () -> pollers(service).stream().anyMatch(id -> id.startsWith(worker.pid() + "@")));
      } finally {
        service.shutdownNow();
      }
    }
  }

  /** --tls-server-name: a name the server's certificate holds works; another is named. */
  @Test
  void aServerNameIsCheckedAgainstTheServersCertificate() {
    TemporalSecurity own = stack.security();
    WorkflowServiceStubs service =
        stubs(
            new TemporalSecurity(
                true, own.certPath(), own.keyPath(), own.caPath(), "localhost", null));
    try {
      service
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toSeconds(), TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
    } finally {
      service.shutdownNow();
    }
    List<String> args = new ArrayList<>(List.of("list", "--address", stack.address()));
    args.addAll(stack.tlsOptions());
    args.addAll(List.of("--tls-server-name", "temporal.example"));
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("has a certificate for other names: give --tls-server-name"),
        list.err());
  }

  /** The UI server reaches the frontend with the client certificate: its API lists namespaces. */
  @Test
  void theUiReachesTheServerWithTheClientCertificate() throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + stack.uiPort + "/api/v1/namespaces")
                .toURL()
                .openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    assertEquals(200, c.getResponseCode());
    String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(Pattern.compile("\"name\":\\s*\"default\"").matcher(body).find(), body);
  }

  /**
   * The CA and both certificates are made once: `up` bringing a killed part back keeps them, and
   * puts back rw------- on a file left wider; the directory is rwx------.
   */
  @Test
  void theCertificatesAreTheOwnersOnlyAndKeptAcrossUps() throws Exception {
    Path tls = stack.state().resolve("tls");
    Map<String, String> before = contents(tls);
    assertEquals(
        List.of("ca.key", "ca.pem", "client.key", "client.pem", "server.key", "server.pem"),
        List.copyOf(before.keySet()));
    Files.setPosixFilePermissions(
        tls.resolve("client.key"), PosixFilePermissions.fromString("rw-r--r--"));
    long ui = stack.pids().get("ui");
    assertEquals(0, stack.run(TemporalStackScript.UP, "kill", "ui").exitCode());
    TemporalStackScript.waitForExit(ui);
    Run up = stack.run(TemporalStackScript.UP, "up");
    assertEquals(0, up.exitCode(), up.output());
    assertEquals(before, contents(tls), "up made new certificates");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    for (String name : before.keySet()) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(name))),
          name);
    }
  }

  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (var list = Files.list(dir)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }

  /** A call with security fails as UNAVAILABLE: the TLS handshake does not complete. */
  private static void refused(TemporalSecurity security) {
    WorkflowServiceStubs service = stubs(security);
    try {
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  service
                      .blockingStub()
                      .withDeadlineAfter(DEADLINE.toSeconds(), TimeUnit.SECONDS)
                      .describeNamespace(
                          DescribeNamespaceRequest.newBuilder().setNamespace("default").build()));
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
      System.out.println("refused " + security + ": " + e.getStatus());
    } finally {
      service.shutdownNow();
    }
  }

  private static boolean polled(WorkflowServiceStubs service) {
    return !pollers(service).isEmpty();
  }

  /** The identities of the workers polling kubeha's workflow task queue. */
  private static List<String> pollers(WorkflowServiceStubs service) {
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
  }

  private static WorkflowServiceStubs stubs(TemporalSecurity security) {
    return WorkflowServiceStubs.newServiceStubs(
        TemporalServiceOptions.of(stack.address(), security));
  }

  private static Path stackCa() {
    return stack.security().caPath();
  }

  /** openssl s_client with cert and key, trusting the stack's CA, held open 2 s for alerts. */
  private static Run openssl(Path cert, Path key) {
    String command =
        String.format(
            "sleep 2 | openssl s_client -connect %s -alpn h2 -cert %s -key %s -CAfile %s 2>&1",
            stack.address(), cert, key, stackCa());
    return stack.exec(List.of("sh", "-c", command), Map.of(), DEADLINE);
  }

  /** The real temporal CLI describing namespace default, with tls options. */
  private static Run temporal(List<String> tls) {
    List<String> command =
        new ArrayList<>(
            List.of(
                TemporalCli.locate().toString(),
                "operator",
                "namespace",
                "describe",
                "--namespace",
                "default",
                "--address",
                stack.address(),
                "--command-timeout",
                "10s"));
    command.addAll(tls);
    return stack.exec(command, Map.of(), DEADLINE);
  }
}
