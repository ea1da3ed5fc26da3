package io.kubeha.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubeha.starter.TemporalStackScript.Run;
import io.kubeha.worker.ChildJvm;
import io.kubeha.worker.KubehaWorker;
import io.kubeha.worker.TemporalSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubeha's CLI and worker on scripts/temporal-stack's mutual TLS: the stack's client certificate
 * works, through options or the temporal CLI's variables; each refusal is bad input naming the
 * setting to fix.
 */
class KubehaTlsTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);

  @RegisterExtension static final TlsStack tls = new TlsStack();

  @Test
  void kubehaWithTheStacksClientCertificateListsRuns() {
    Cli list = Cli.run(tls.withTls("list"));
    assertEquals(ExitCodes.OK, list.exitCode(), list.err());
  }

  @Test
  void aKubehaWorkerWithTheStacksClientCertificatePolls() {
    try (KubehaWorker worker =
        KubehaWorker.start(tls.stack.address(), "default", tls.stack.security())) {
      TestTemporal.waitUntil(
          "the worker polls task queue kubeha", TlsStack.DEADLINE, () -> !tls.pollers().isEmpty());
    }
  }

  @Test
  void aCertificateOfAnotherCaIsBadInputNamingTheServer() {
    List<String> args = new ArrayList<>(List.of(tls.withTls("list")));
    args.set(args.indexOf("--tls-cert-path") + 1, tls.otherCa.cert().toString());
    args.set(args.indexOf("--tls-key-path") + 1, tls.otherCa.key().toString());
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err()
            .contains(
                "Temporal at "
                    + tls.stack.address()
                    + " (from --address) requires a client certificate its CA signed"),
        list.err());
    assertFalse(list.err().contains("waiting up to"), "a TLS refusal is not waited on");
  }

  @Test
  void noClientCertificateIsBadInputSayingWhichOptionsToGive() {
    Cli list =
        Cli.run("list", "--address", tls.stack.address(), "--tls-ca-path", tls.ca().toString());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(list.err().contains("give --tls-cert-path and --tls-key-path"), list.err());
  }

  @Test
  void trustingAnotherCaIsBadInputNamingTheCaOption() {
    List<String> args = new ArrayList<>(List.of(tls.withTls("list")));
    args.set(args.indexOf("--tls-ca-path") + 1, tls.otherCa.ca().toString());
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("has a certificate kubeha does not trust: give --tls-ca-path"),
        list.err());
  }

  /**
   * Plaintext gets only a closed connection, which a restarting server could give too: kubeha waits
   * out the restart grace, then names TLS as the likely cause.
   */
  @Test
  void plaintextIsBadInputPointingAtTheTlsOptions() {
    Cli list = Cli.run("list", "--address", tls.stack.address());
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("a server that requires TLS closes plaintext connections like this"),
        list.err());
  }

  /** --tls-server-name: a name the server's certificate holds works; another is named. */
  @Test
  void aServerNameIsCheckedAgainstTheServersCertificate() {
    TemporalSecurity own = tls.stack.security();
    assertEquals(
        "default",
        tls.describeDefault(
            new TemporalSecurity(
                true, own.certPath(), own.keyPath(), own.caPath(), "localhost", null)));
    List<String> args = new ArrayList<>(List.of(tls.withTls("list")));
    args.addAll(List.of("--tls-server-name", "temporal.example"));
    Cli list = Cli.run(args.toArray(String[]::new));
    assertEquals(ExitCodes.BAD_INPUT, list.exitCode(), list.err());
    assertTrue(
        list.err().contains("has a certificate for other names: give --tls-server-name"),
        list.err());
  }

  /**
   * `temporal-stack env` prints the temporal CLI's variables: the real CLI and kubeha (a child JVM
   * given no option) both connect with them alone.
   */
  @Test
  void theVariablesOfEnvServeTheTemporalCliAndKubehaAlike() throws Exception {
    Run env = tls.stack.run(TemporalStackScript.UP, "env");
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
    Run cli = tls.temporalCliWith(variables);
    assertEquals(0, cli.exitCode(), cli.output());
    Path log = tls.dir.resolve("kubeha-list.log");
    try (ChildJvm list =
        ChildJvm.start(log, withHome(variables, "list-home"), Kubeha.class.getName(), "list")) {
      assertEquals(OptionalInt.of(0), list.awaitExit(CHILD_DEADLINE), Files.readString(log));
    }
    String out = Files.readString(log);
    assertTrue(out.contains("on Temporal at " + tls.stack.address()), out);
  }

  /** `kubeha worker` (a child JVM) given only the temporal CLI's TLS variables polls the stack. */
  @Test
  void theWorkerCommandPollsWithTheVariables() throws Exception {
    Path log = tls.dir.resolve("kubeha-worker.log");
    Map<String, String> env = withHome(tls.stack.tlsEnvironment(), "worker-home");
    String[] args = {"worker", "--address", tls.stack.address()};
    try (ChildJvm worker = ChildJvm.start(log, env, Kubeha.class.getName(), args)) {
      // Pollers are named pid@host: this worker's, not one an earlier test left listed.
      TestTemporal.waitUntil(
          "kubeha worker (pid " + worker.pid() + ") polls; its log: " + log,
          CHILD_DEADLINE,
          () -> tls.pollers().stream().anyMatch(id -> id.startsWith(worker.pid() + "@")));
    }
  }

  private static Map<String, String> withHome(Map<String, String> env, String home)
      throws Exception {
    Map<String, String> withHome = new HashMap<>(env);
    withHome.put("KUBEHA_HOME", Files.createDirectories(tls.dir.resolve(home)).toString());
    return withHome;
  }
}
