package io.kubeha.starter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubeha.worker.TemporalSecurity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * scripts/temporal-stack on free ports with its state under a test's dir: runs it, reads its pids
 * and processes.
 */
public final class TemporalStackScript {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SCRIPT = ROOT.resolve("scripts/temporal-stack");
  // The first `up` on a machine builds the server, its SQL tool and the UI server from source.
  public static final Duration FIRST_UP = Duration.ofMinutes(40);
  public static final Duration UP = Duration.ofMinutes(3);
  static final Duration EXIT_DEADLINE = Duration.ofSeconds(60);
  // The server takes its frontend's port and the next ones up to port+10.
  private static final int SERVER_PORTS = 11;

  final Path dir; // the script's KUBEHA_HOME; the stack's state is dir/temporal-stack
  final int port;
  final int uiPort;
  final int pgPort;

  private TemporalStackScript(Path dir, int port, int uiPort, int pgPort) {
    this.dir = dir;
    this.port = port;
    this.uiPort = uiPort;
    this.pgPort = pgPort;
  }

  /**
   * Skips the test class unless what scripts/install-deps installs is there: PostgreSQL 15 and Go.
   */
  static void assumeInstalled() {
    assumeTrue(installed(), "PostgreSQL 15 or Go is not installed");
  }

  /** What scripts/install-deps installs for the stack is there: PostgreSQL 15 and Go. */
  public static boolean installed() {
    return Files.isExecutable(Path.of("/usr/lib/postgresql/15/bin/initdb"))
        && (Files.isExecutable(Path.of("/usr/local/go/bin/go")) || onPath("go"));
  }

  /**
   * A stack on ports free now (the server's in 20000-30000, the others ephemeral: never 7233), its
   * state in dir.
   */
  public static TemporalStackScript onFreePorts(Path dir) throws IOException {
    return new TemporalStackScript(
        dir, freeBlock(SERVER_PORTS), TestTemporal.freePort(), TestTemporal.freePort());
  }

  Path state() {
    return dir.resolve("temporal-stack");
  }

  /** The frontend's address, as a Temporal client or worker takes it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /**
   * The client certificate, its key and the CA `up` made (mutual TLS is required): the operator's.
   */
  public TemporalSecurity security() {
    return security("client");
  }

  /** The certificate tls/NAME.pem and its key (client: the operator, viewer: the viewer). */
  public TemporalSecurity security(String name) {
    Path tls = tls();
    return new TemporalSecurity(
        true,
        tls.resolve(name + ".pem"),
        tls.resolve(name + ".key"),
        tls.resolve("ca.pem"),
        null,
        null);
  }

  /** The stack's certificates, its CA's key and the roles file. */
  Path tls() {
    return state().resolve("tls");
  }

  /** The same as the temporal CLI's options, which kubeha's CLI takes too. */
  public List<String> tlsOptions() {
    return tlsOptions(security());
  }

  /** The temporal CLI's (and kubeha's) options for s. */
  public static List<String> tlsOptions(TemporalSecurity s) {
    return List.of(
        "--tls-cert-path",
        s.certPath().toString(),
        "--tls-key-path",
        s.keyPath().toString(),
        "--tls-ca-path",
        s.caPath().toString());
  }

  /** The same as the temporal CLI's environment variables, which kubeha and its worker read. */
  public Map<String, String> tlsEnvironment() {
    TemporalSecurity s = security();
    return Map.of(
        TemporalSecurity.ENV_CERT,
        s.certPath().toString(),
        TemporalSecurity.ENV_KEY,
        s.keyPath().toString(),
        TemporalSecurity.ENV_CA,
        s.caPath().toString());
  }

  /**
   * scripts/temporal-stack ARGS with this stack's ports and state dir; fails the test if it
   * outlives deadline.
   */
  public Run run(Duration deadline, String... args) {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    return exec(
        command,
        Map.of(
            "KUBEHA_HOME",
            dir.toString(),
            "KUBEHA_STACK_PORT",
            String.valueOf(port),
            "KUBEHA_STACK_UI_PORT",
            String.valueOf(uiPort),
            "KUBEHA_STACK_PG_PORT",
            String.valueOf(pgPort)),
        deadline);
  }

  /** The pid of each part `status` reports up (postgres, server, ui). */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new TreeMap<>();
    Matcher m =
        Pattern.compile("(?m)^(\\S+)\\s+up\\s+pid (\\d+)").matcher(run(UP, "status").output());
    while (m.find()) {
      pids.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return pids;
  }

  /**
   * Processes whose command line names the state dir or that run in it (PostgreSQL's run in its
   * data dir).
   */
  List<String> processes() {
    String state = state().toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().commandLine().map(c -> c.contains(state)).orElse(false)
                    || cwd(p.pid()).startsWith(state))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .toList();
  }

  /**
   * Output goes to a file under dir, so a hung command fails at the deadline instead of blocking a
   * read.
   */
  Run exec(List<String> command, Map<String, String> env, Duration deadline) {
    try {
      Path log = Files.createTempFile(dir, "run", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + deadline
                + ": "
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

  public static void waitForExit(long pid) {
    TestTemporal.waitUntil("pid " + pid + " exits", EXIT_DEADLINE, () -> gone(pid));
  }

  /** Exited: no such process, or a zombie its new parent (init) has not reaped yet. */
  static boolean gone(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .anyMatch(l -> l.matches("State:\\s+Z.*"));
    } catch (IOException e) {
      return true;
    }
  }

  private static String cwd(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).toString();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * A port P with P..P+n-1 all free on 127.0.0.1 (the server takes several ports from its
   * frontend's).
   */
  private static int freeBlock(int n) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 30000);
      if (Stream.iterate(base, p -> p + 1).limit(n).allMatch(TemporalStackScript::free)) {
        return base;
      }
    }
    throw new IOException("no block of " + n + " free ports found");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
  }

  /** A finished command: its exit code and its output (stdout and stderr together). */
  public record Run(int exitCode, String output) {}
}
