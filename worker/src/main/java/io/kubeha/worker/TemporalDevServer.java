package io.kubeha.worker;

import io.grpc.health.v1.HealthCheckResponse;
import io.kubeha.steps.PrivateFiles;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local Temporal dev server whose state lives in a SQLite file, so a crash of anything, the
 * server included, loses nothing. Reuses one that already answers on the port.
 */
public final class TemporalDevServer implements AutoCloseable {
  public static final String SEARCH_ATTRIBUTE = "KubehaPhase";
  public static final int DEFAULT_PORT = 7233;
  public static final int DEFAULT_UI_PORT = 8233;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final String address;
  private final Process process;
  private final Path dbFile;

  private TemporalDevServer(String address, Process process, Path dbFile) {
    this.address = address;
    this.process = process;
    this.dbFile = dbFile;
  }

  /** Reuses a server answering on 127.0.0.1:port, or starts one with its state under stateDir. */
  public static TemporalDevServer startOrReuse(Path stateDir, int port, int uiPort, boolean ui)
      throws IOException {
    String address = "127.0.0.1:" + port;
    if (answers(port)) {
      waitUntilServing(address, READY_TIMEOUT);
      return new TemporalDevServer(address, null, null);
    }
    return start(stateDir, port, uiPort, ui);
  }

  /**
   * Starts a server in its own session, detached from the terminal, logging to
   * stateDir/temporal.log.
   */
  public static TemporalDevServer start(Path stateDir, int port, int uiPort, boolean ui)
      throws IOException {
    PrivateFiles.directories(stateDir);
    // The database holds every inventory run: in a directory of its owner only, no one else
    // reaches it, whatever its own mode.
    PrivateFiles.ownerOnly(stateDir);
    Path db = stateDir.resolve("temporal.db");
    if (Files.exists(db)) {
      PrivateFiles.ownerOnly(db); // SQLite gives its -wal and -shm files the database's mode
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "setsid",
                // The server creates its database with umask 077: rw------- from the start.
                "sh",
                "-c",
                "umask 077 && exec \"$@\"",
                "temporal",
                TemporalCli.locate().toString(),
                "server",
                "start-dev",
                "--db-filename",
                db.toString(),
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--search-attribute",
                SEARCH_ATTRIBUTE + "=Keyword",
                "--log-level",
                "warn"));
    if (ui) {
      cmd.addAll(List.of("--ui-port", String.valueOf(uiPort)));
    } else {
      cmd.add("--headless");
    }
    Path log = PrivateFiles.file(stateDir.resolve("temporal.log"));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    PrivateFiles.writeString(stateDir.resolve("temporal.pid"), p.pid() + "\n");
    String address = "127.0.0.1:" + port;
    try {
      waitUntilServing(address, READY_TIMEOUT, p);
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw new IllegalStateException(e.getMessage() + " (log: " + log + ")", e);
    }
    return new TemporalDevServer(address, p, db);
  }

  public String address() {
    return address;
  }

  public Optional<Process> process() {
    return Optional.ofNullable(process);
  }

  public Optional<Path> dbFile() {
    return Optional.ofNullable(dbFile);
  }

  /** Stops the server if this object started it (SIGTERM, then SIGKILL after 10 s). */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static void waitUntilServing(String address, Duration timeout) {
    waitUntilServing(address, timeout, null);
  }

  private static void waitUntilServing(String address, Duration timeout, Process process) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            "the Temporal dev server exited with " + process.exitValue());
      }
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      if (answers(port)) {
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(address)
                    .validateAndBuildWithDefaults());
        try {
          if (stubs.healthCheck().getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
            return;
          }
        } catch (RuntimeException e) {
          last = e.getMessage();
        } finally {
          stubs.shutdownNow();
        }
      }
      try {
        Thread.sleep(200); // polling interval of a wait with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Temporal at " + address, e);
      }
    }
    throw new IllegalStateException(
        "Temporal at " + address + " did not become ready within " + timeout + ": " + last);
  }
}
